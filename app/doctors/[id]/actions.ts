"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions";
import { bookSchema, signInToBookSchema } from "@/lib/booking/schemas";
import { forgetReasonDraft, keepReasonDraft } from "@/lib/booking/reason-draft";
import { safeReturnPath } from "@/lib/auth/guards";
import { bookAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { requestLogger } from "@/lib/logger";
import { appointmentPagePath, openCheckout } from "@/lib/payments/checkout";
import { enforceRateLimit, perUserLimits } from "@/lib/security/rate-limits";

export const bookAction = action({
  access: ["patient"],
  schema: bookSchema,
  run: async (booking, { user, db, now }) => {
    if (!user.emailVerified) throw new AppError("forbidden", "Confirm your email address before booking: use the link we emailed you.");
    // Each attempt counts, taken or not: one patient cannot hammer the calendar.
    await enforceRateLimit(db, perUserLimits.bookingAttempts, user.id);
    let appointment;
    try {
      appointment = await bookAppointment(db, { patientId: user.id, ...booking }, now);
    } catch (error) {
      // A taken slot: show the page again with fresh times and say what happened.
      if (error instanceof AppError && error.code === "slot_taken") redirect(`/doctors/${booking.doctorId}?taken=1`);
      throw error;
    }
    await forgetReasonDraft();
    if (appointment.status !== "pending_payment") redirect(`/patient/appointments/${appointment.id}/booked`);

    // Payment required: the slot is held. A form posted without JavaScript may not
    // be redirected to another site (CSP form-action 'self'), so it lands on the
    // appointment page, whose "Continue to payment" link goes on to Stripe.
    if (!(await headers()).has("next-action")) redirect(`${appointmentPagePath(appointment.id)}?checkout=start`);
    // With JavaScript: straight to Stripe Checkout. If Stripe cannot be reached,
    // the hold stays and the appointment page offers to try again.
    let checkoutUrl: string;
    try {
      checkoutUrl = (await openCheckout(db, { appointmentId: appointment.id, patientId: user.id }, new Date())).url;
    } catch (error) {
      (await requestLogger()).error({ appointmentId: appointment.id, err: error }, "checkout not started");
      redirect(`${appointmentPagePath(appointment.id)}?checkout=error`);
    }
    redirect(checkoutUrl);
  },
});

/** "Sign in to book" with a reason typed: the reason waits in a cookie (lib/booking/reason-draft.ts), the visitor goes to sign in. */
export const keepReasonAndSignInAction = action({
  access: "anyone",
  schema: signInToBookSchema,
  run: async ({ doctorId, reason, returnTo }) => {
    const back = safeReturnPath(returnTo);
    const path = back?.startsWith(`/doctors/${doctorId}`) ? back : `/doctors/${doctorId}`;
    if (reason) await keepReasonDraft({ doctorId, reason });
    redirect(`/login?next=${encodeURIComponent(path)}`);
  },
});
