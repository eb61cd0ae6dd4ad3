import "server-only";
import type { Db } from "@/db/client";
import { getPatientForFrontDesk, searchPatientsForFrontDesk, type FrontDeskPatient } from "@/db/queries/front-desk";
import { requireActiveAdmin } from "@/lib/admin/actor";
import { AppError } from "@/lib/errors";
import { securityEvent } from "@/lib/logger";
import type { Actor } from "@/lib/vocabulary";
import { bookAppointment, type StaffActor } from "@/lib/booking/service";

// The front desk: a doctor (for their own calendar) or an admin (for any
// doctor) books for a patient who phoned or walked in. Booking itself is
// bookAppointment, with the same slot engine, no-overlap constraints, caps
// and payments; this room decides only who may book for whom.

const STAFF_ONLY = "Only doctors and administrators can book for a patient.";
const OWN_CALENDAR = "You can only book into your own calendar.";

/** A doctor or an admin who is one now (a demoted admin is refused); anyone else is refused and logged. */
async function requireStaff(db: Db, actor: Actor | null | undefined): Promise<StaffActor> {
  if (actor?.role === "doctor") return { id: actor.id, role: "doctor" };
  if (actor?.role === "admin") return requireActiveAdmin(db, actor);
  securityEvent("permission_refused", { userId: actor?.id, role: actor?.role, required: ["doctor", "admin"], area: "front-desk" });
  throw new AppError("forbidden", STAFF_ONLY);
}

export const PATIENT_SEARCH_LIMIT = 10;

/** Patients matching a name or email (at least 2 characters), for the first step of "Book for a patient". */
export async function findPatientsForFrontDesk(db: Db, actor: Actor | null, query: string): Promise<FrontDeskPatient[]> {
  const staff = await requireStaff(db, actor);
  const text = query.trim();
  if (text.length < 2) return [];
  return searchPatientsForFrontDesk(db, { query: text, doctorId: staff.role === "doctor" ? staff.id : undefined, limit: PATIENT_SEARCH_LIMIT });
}

/** The patient being booked for, or not_found for an id that is no bookable patient. */
export async function patientForFrontDesk(db: Db, actor: Actor | null, patientId: string): Promise<FrontDeskPatient> {
  await requireStaff(db, actor);
  const patient = await getPatientForFrontDesk(db, patientId);
  if (!patient) throw new AppError("not_found", "We could not find that patient.");
  return patient;
}

export interface FrontDeskBooking {
  patientId: string;
  doctorId: string;
  startsAt: Date;
  reason: string;
  payment: "clinic" | "link";
}

/** Books for the patient through the one booking service; a doctor only into their own calendar. */
export async function bookForPatient(db: Db, actor: Actor | null, input: FrontDeskBooking, now: Date) {
  const staff = await requireStaff(db, actor);
  if (staff.role === "doctor" && input.doctorId !== staff.id) {
    securityEvent("permission_refused", { userId: staff.id, role: "doctor", reason: "booking into another doctor's calendar", area: "front-desk" });
    throw new AppError("forbidden", OWN_CALENDAR);
  }
  return bookAppointment(db, { ...input, bookedBy: staff }, now);
}
