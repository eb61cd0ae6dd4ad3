import "server-only";
import { getDb } from "@/lib/db";
import { listRecordsSharedWithDoctor } from "@/db/queries/records";

export type SharedRecord = Awaited<ReturnType<typeof listRecordsSharedWithDoctor>>[number];

/**
 * What a doctor sees of a patient's documents on one appointment page: those
 * shared on this appointment, and those shared on the patient's other visits
 * with the same doctor (their history). Nothing else of the patient's.
 */
export async function sharedRecordsForAppointment(doctorId: string, patientId: string, appointmentId: string) {
  const rows = await listRecordsSharedWithDoctor(getDb(), doctorId, patientId);
  const onThis = rows.filter((r) => r.appointmentId === appointmentId);
  const seen = new Set(onThis.map((r) => r.id));
  const fromOtherVisits = rows.filter((r) => r.appointmentId !== appointmentId && !seen.has(r.id) && (seen.add(r.id), true));
  return { onThis, fromOtherVisits };
}
