import "server-only";
import type { Db } from "@/db/client";
import type { appointments } from "@/db/schema";
import { isRetryableConflict, retryingTransaction } from "@/db/transactions";
import { AppError, constraintName, sqlState } from "@/lib/errors";

// What the booking changes (book.ts, service.ts) share: the words for a
// database refusal, their transaction, and the appointment snapshot they audit.

const PATIENT_OVERLAP = "You already have another appointment at that time. Choose a different slot or cancel the other visit first.";
const STAFF_OVERLAP = "The patient already has another appointment at that time. Choose a different slot or cancel the other visit first.";
export const SLOT_NOT_OFFERED = "That time is not available any more. Please choose one of the times shown.";
export const BUSY_NOW = "Many people are booking right now. Please try again.";

/** The no-overlap constraints and lost retries, turned into the messages a patient (or the clinic) can act on. */
export async function bookingErrorsWorded<T>(who: "patient" | "staff", work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isRetryableConflict(error)) throw new AppError("conflict", BUSY_NOW);
    if (sqlState(error) !== "23P01") throw error;
    if (constraintName(error) === "appointments_patient_no_overlap") {
      throw new AppError("conflict", who === "patient" ? PATIENT_OVERLAP : STAFF_OVERLAP);
    }
    throw new AppError("slot_taken");
  }
}

/** A booking change's transaction, retried on deadlocks, its refusals worded as above. */
export function bookingTransaction<T>(db: Db, who: "patient" | "staff", work: (tx: Db) => Promise<T>): Promise<T> {
  return bookingErrorsWorded(who, retryingTransaction(db, work));
}

type AppointmentRow = Pick<typeof appointments.$inferSelect, "status" | "startsAt" | "endsAt" | "doctorId" | "patientId" | "cancellationReason">;

/** An appointment as the audit log records it before and after a change. */
export function appointmentSnapshot(appointment: AppointmentRow) {
  return {
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    doctorId: appointment.doctorId,
    patientId: appointment.patientId,
    cancellationReason: appointment.cancellationReason,
  };
}
