"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { bookAppointment } from "@/lib/booking/service";
import { bookSchema } from "@/lib/booking/schemas";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";
import { requestLogger } from "@/lib/logger";
import { appointmentPagePath, openCheckout } from "@/lib/payments/checkout";

export type BookState = ActionResult | null;

export async function bookAction(_previous: BookState, formData: FormData): Promise<BookState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure("Sign in with a patient account to book.");
  if (!patient.emailVerified) return failure("Confirm your email address before booking: use the link we emailed you.");
  const parsed = bookSchema.safeParse({ doctorId: formData.get("doctorId"), startsAt: formData.get("startsAt"), reason: formData.get("reason") ?? "" });
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { reason: String(formData.get("reason") ?? "") });

  const db = getDb();
  const result = await runService(async () => ({ appointment: await bookAppointment(db, { patientId: patient.id, ...parsed.data }, new Date()) }));
  // A taken slot: show the page again with fresh times and say what happened.
  if (!result.ok && result.code === "slot_taken") redirect(`/doctors/${parsed.data.doctorId}?taken=1`);
  if (!result.ok) return { ...result, values: { reason: parsed.data.reason } };
  if (result.appointment.status !== "pending_payment") redirect(`/patient/appointments?booked=${result.appointment.id}`);

  // Payment required: the slot is held. A form posted without JavaScript may not
  // be redirected to another site (CSP form-action 'self'), so it lands on the
  // appointment page, whose "Continue to payment" link goes on to Stripe.
  if (!(await headers()).has("next-action")) redirect(`${appointmentPagePath(result.appointment.id)}?checkout=start`);
  // With JavaScript: straight to Stripe Checkout. If Stripe cannot be reached,
  // the hold stays and the appointment page offers to try again.
  let checkoutUrl: string;
  try {
    checkoutUrl = (await openCheckout(db, { appointmentId: result.appointment.id, patientId: patient.id }, new Date())).url;
  } catch (error) {
    (await requestLogger()).error({ appointmentId: result.appointment.id, err: error }, "checkout not started");
    redirect(`${appointmentPagePath(result.appointment.id)}?checkout=error`);
  }
  redirect(checkoutUrl);
}
