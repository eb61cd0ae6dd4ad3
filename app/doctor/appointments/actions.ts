"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { saveConsultationNote } from "@/lib/booking/notes";
import { cancelSchema, consultationNoteSchema, outcomeSchema } from "@/lib/booking/schemas";
import { cancelAppointment, recordVisitOutcome } from "@/lib/booking/service";

function done(appointmentId: string, message: string): string {
  revalidatePath(`/doctor/appointments/${appointmentId}`);
  return message;
}

export const recordOutcomeAction = action({
  access: ["doctor"],
  schema: outcomeSchema,
  invalid: "That action is not available.",
  run: async (input, { user, db, now }) => {
    await recordVisitOutcome(db, { ...input, actor: { id: user.id, role: "doctor" } }, now);
    return done(input.appointmentId, input.outcome === "completed" ? "Marked as completed." : "Marked as a no-show.");
  },
});

export const cancelAsDoctorAction = action({
  access: ["doctor"],
  schema: cancelSchema,
  run: async (input, { user, db, now }) => {
    await cancelAppointment(db, { ...input, actor: { id: user.id, role: "doctor" } }, now);
    return done(input.appointmentId, "Cancelled — the patient has been told");
  },
});

export const saveNoteAction = action({
  access: ["doctor"],
  schema: consultationNoteSchema,
  run: async (note, { user, db }) => {
    await saveConsultationNote(db, { doctorId: user.id, ...note });
    return done(note.appointmentId, "Notes saved.");
  },
});
