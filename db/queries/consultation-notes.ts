import "server-only";
import type { Db } from "../client";
import { consultationNotes } from "../schema";

export async function upsertConsultationNote(db: Db, input: { appointmentId: string; doctorId: string; body: string; patientSummary: string | null }) {
  const [row] = await db
    .insert(consultationNotes)
    .values(input)
    .onConflictDoUpdate({ target: consultationNotes.appointmentId, set: { body: input.body, patientSummary: input.patientSummary, updatedAt: new Date() } })
    .returning();
  return row;
}
