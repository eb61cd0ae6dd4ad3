"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { bookAppointment } from "@/lib/booking/service";
import { bookSchema } from "@/lib/booking/schemas";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";

export type BookState = ActionResult | null;

export async function bookAction(_previous: BookState, formData: FormData): Promise<BookState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure("Sign in with a patient account to book.");
  if (!patient.emailVerified) return failure("Confirm your email address before booking: use the link we emailed you.");
  const parsed = bookSchema.safeParse({ doctorId: formData.get("doctorId"), startsAt: formData.get("startsAt"), reason: formData.get("reason") ?? "" });
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { reason: String(formData.get("reason") ?? "") });

  const result = await runService(async () => ({ appointment: await bookAppointment(getDb(), { patientId: patient.id, ...parsed.data }, new Date()) }));
  if (result.ok) redirect(`/patient/appointments?booked=${result.appointment.id}`);
  // A taken slot: show the page again with fresh times and say what happened.
  if (result.code === "slot_taken") redirect(`/doctors/${parsed.data.doctorId}?taken=1`);
  return { ...result, values: { reason: parsed.data.reason } };
}
