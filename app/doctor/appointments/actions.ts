"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { saveConsultationNote } from "@/lib/booking/notes";
import { cancelSchema, consultationNoteSchema, outcomeSchema } from "@/lib/booking/schemas";
import { cancelAppointment, recordVisitOutcome } from "@/lib/booking/service";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";

export type DoctorFormState = ActionResult | null;

function done(appointmentId: string, message: string): DoctorFormState {
  revalidatePath(`/doctor/appointments/${appointmentId}`);
  return { ok: true, message };
}

export async function recordOutcomeAction(_previous: DoctorFormState, formData: FormData): Promise<DoctorFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure("Please sign in again.");
  const parsed = outcomeSchema.safeParse({ appointmentId: formData.get("appointmentId"), outcome: formData.get("outcome") });
  if (!parsed.success) return failure("That action is not available.");
  const result = await runService(async () => ({ appointment: await recordVisitOutcome(getDb(), { ...parsed.data, actor: { id: doctor.id, role: "doctor" } }, new Date()) }));
  return result.ok ? done(parsed.data.appointmentId, parsed.data.outcome === "completed" ? "Marked as completed." : "Marked as a no-show.") : result;
}

export async function cancelAsDoctorAction(_previous: DoctorFormState, formData: FormData): Promise<DoctorFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure("Please sign in again.");
  const parsed = cancelSchema.safeParse({ appointmentId: formData.get("appointmentId"), reason: formData.get("reason") });
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { reason: String(formData.get("reason") ?? "") });
  const result = await runService(async () => ({ appointment: await cancelAppointment(getDb(), { ...parsed.data, actor: { id: doctor.id, role: "doctor" } }, new Date()) }));
  return result.ok ? done(parsed.data.appointmentId, "Cancelled. The patient will be told.") : { ...result, values: { reason: parsed.data.reason } };
}

export async function saveNoteAction(_previous: DoctorFormState, formData: FormData): Promise<DoctorFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure("Please sign in again.");
  const raw = { appointmentId: formData.get("appointmentId"), body: formData.get("body") ?? "", patientSummary: formData.get("patientSummary") ?? "" };
  const parsed = consultationNoteSchema.safeParse(raw);
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { body: String(raw.body), patientSummary: String(raw.patientSummary) });
  const result = await runService(async () => ({ note: await saveConsultationNote(getDb(), { doctorId: doctor.id, ...parsed.data }) }));
  return result.ok ? done(parsed.data.appointmentId, "Notes saved.") : result;
}
