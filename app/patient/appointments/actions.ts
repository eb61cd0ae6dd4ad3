"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { cancelSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";

export type AppointmentFormState = ActionResult | null;

export async function cancelAsPatientAction(_previous: AppointmentFormState, formData: FormData): Promise<AppointmentFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure("Please sign in again.");
  const parsed = cancelSchema.safeParse({ appointmentId: formData.get("appointmentId"), reason: formData.get("reason") });
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { reason: String(formData.get("reason") ?? "") });
  const result = await runService(async () => ({ appointment: await cancelAppointment(getDb(), { appointmentId: parsed.data.appointmentId, actor: { id: patient.id, role: "patient" }, reason: parsed.data.reason }, new Date()) }));
  if (result.ok) redirect("/patient/appointments?cancelled=1");
  return { ...result, values: { reason: parsed.data.reason } };
}

export async function rescheduleAsPatientAction(_previous: AppointmentFormState, formData: FormData): Promise<AppointmentFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure("Please sign in again.");
  const parsed = rescheduleSchema.safeParse({ appointmentId: formData.get("appointmentId"), startsAt: formData.get("startsAt") });
  if (!parsed.success) return failure("Choose one of the times shown.", fieldErrorsOf(parsed.error));
  const result = await runService(async () => ({ appointment: await rescheduleAppointment(getDb(), { appointmentId: parsed.data.appointmentId, actor: { id: patient.id, role: "patient" }, newStartsAt: parsed.data.startsAt }, new Date()) }));
  if (result.ok) redirect(`/patient/appointments?rescheduled=${result.appointment.id}`);
  if (result.code === "slot_taken") redirect(`/patient/appointments/${parsed.data.appointmentId}/reschedule?taken=1`);
  return result;
}
