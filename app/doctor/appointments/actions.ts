"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions";
import { bookForPatient } from "@/lib/front-desk/booking";
import { saveConsultationNote } from "@/lib/booking/notes";
import { cancelSchema, consultationNoteSchema, frontDeskBookSchema, outcomeSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { cancelAppointment, recordVisitOutcome, rescheduleAppointment } from "@/lib/booking/service";

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

/** "Book for a patient": into the doctor's own calendar only (the service refuses any other doctorId). */
export const bookForPatientAction = action({
  access: ["doctor"],
  schema: frontDeskBookSchema,
  run: async (input, { user, db, now }) => {
    const appointment = await bookForPatient(db, user, input, now);
    revalidatePath("/doctor/appointments");
    redirect(`/doctor/appointments/${appointment.id}?notice=booked`);
  },
});

export const rescheduleAsDoctorAction = action({
  access: ["doctor"],
  schema: rescheduleSchema,
  run: async ({ appointmentId, startsAt }, { user, db, now }) => {
    const moved = await rescheduleAppointment(db, { appointmentId, actor: { id: user.id, role: "doctor" }, newStartsAt: startsAt }, now);
    revalidatePath("/doctor/appointments");
    redirect(`/doctor/appointments/${moved.id}?notice=moved`);
  },
});
