import "server-only";
import type { Db } from "@/db/client";
import { lockAppointment, upsertConsultationNote } from "@/db/queries/appointments";
import { insertAuditEntry } from "@/db/queries/audit";
import { AppError } from "@/lib/errors";
import { assertDoctorInCare } from "@/lib/security/care";

/** Only the appointment's own doctor writes its notes, while the patient is in their care. The audit row says that notes changed, never what they say. */
export async function saveConsultationNote(db: Db, input: { doctorId: string; appointmentId: string; body: string; patientSummary: string | null }) {
  return db.transaction(async (tx) => {
    const appointment = await lockAppointment(tx, input.appointmentId);
    if (!appointment || appointment.doctorId !== input.doctorId) throw new AppError("not_found", "We could not find that appointment.");
    await assertDoctorInCare(tx, { doctorId: input.doctorId, patientId: appointment.patientId });
    const note = await upsertConsultationNote(tx, input);
    await insertAuditEntry(tx, {
      actorId: input.doctorId,
      actorRole: "doctor",
      action: "consultation_note.saved",
      entityType: "appointment",
      entityId: appointment.id,
      after: { hasSummary: input.patientSummary !== null },
    });
    return note;
  });
}
