import "server-only";
import type { Db } from "@/db/client";
import { isDoctorCaringFor } from "@/db/queries/appointments";
import { AppError } from "@/lib/errors";
import { securityEvent } from "@/lib/logger";

// A doctor sees a patient's data, and acts on it (notes, records, marking a
// fee paid), only while the doctor is verified and active and has a
// non-cancelled appointment with the patient: upcoming, completed or a no-show.
// The rule is written once, as SQL, in db/queries/appointments/care.ts; the
// queries that hand patient data to doctors filter with it, and the services
// ask it here before they write.

/** Whether this patient is in this doctor's care now. */
export function doctorInCare(db: Db, input: { doctorId: string; patientId: string }): Promise<boolean> {
  return isDoctorCaringFor(db, input.doctorId, input.patientId);
}

/**
 * Refuses a doctor who may not act on this patient any more, with the same
 * answer as for an appointment that is not theirs (`notFound`, the caller's
 * own wording), so a withdrawn doctor learns nothing more than a stranger.
 */
export async function assertDoctorInCare(
  db: Db,
  input: { doctorId: string; patientId: string },
  notFound = "We could not find that appointment.",
): Promise<void> {
  if (await doctorInCare(db, input)) return;
  securityEvent("care_refused", { userId: input.doctorId, role: "doctor" });
  throw new AppError("not_found", notFound);
}
