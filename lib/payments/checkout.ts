import "server-only";
import type { Db } from "@/db/client";
import { getCheckoutSubject, recordCheckoutSession } from "@/db/queries/payments";
import { absoluteUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTimeInZone } from "@/lib/format";
import { HOLD_RAN_OUT_MESSAGE, closeCheckoutSessions, isHoldExpired } from "./holds";
import { checkoutExpiresAt } from "./policy";
import { getStripe } from "./stripe-client";

/** Derived from the appointment alone, so a double click or a retry makes one session, never two. */
export const checkoutIdempotencyKey = (appointmentId: string) => `checkout-${appointmentId}`;

export const appointmentPagePath = (appointmentId: string) => `/patient/appointments/${appointmentId}`;

/**
 * The Stripe Checkout page for a held appointment: the session already made
 * for it while it is still open, otherwise a new one (line item named after
 * the doctor and the date, the doctor's price and currency, the appointment in
 * the metadata, expiring with the hold). Only the patient who holds it may pay.
 */
export async function openCheckout(db: Db, input: { appointmentId: string; patientId: string }, now: Date): Promise<{ url: string; sessionId: string }> {
  const stripe = getStripe();
  if (!stripe) throw new AppError("conflict", "Online payment is not available. You can pay at the clinic.");
  const subject = await getCheckoutSubject(db, input.appointmentId);
  if (!subject || subject.patientId !== input.patientId) throw new AppError("not_found", "We could not find that appointment.");
  const payment = subject.payment;
  if (subject.status !== "pending_payment" || !payment || payment.provider !== "stripe" || payment.status !== "requires_payment") {
    throw new AppError(
      "conflict",
      subject.status === "confirmed" ? "This appointment is already paid and confirmed." : "This appointment is no longer waiting for payment.",
    );
  }
  if (!subject.holdExpiresAt || isHoldExpired(subject.holdExpiresAt, now)) {
    throw new AppError("conflict", HOLD_RAN_OUT_MESSAGE);
  }

  if (payment.stripeCheckoutSessionId) {
    const existing = await stripe.checkout.sessions.retrieve(payment.stripeCheckoutSessionId);
    if (existing.status === "open" && existing.url) return { url: existing.url, sessionId: existing.id };
    if (existing.status === "complete") throw new AppError("conflict", "Your payment went through; we are waiting for Stripe to confirm it.");
    throw new AppError("conflict", "That payment page has expired. Please book again.");
  }

  const returnTo = absoluteUrl(appointmentPagePath(subject.appointmentId));
  const when = formatDateTimeInZone(subject.startsAt, subject.doctorTimeZone);
  const metadata = { appointmentId: subject.appointmentId, paymentId: payment.id };
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: payment.currency.toLowerCase(),
            unit_amount: payment.amountMinor,
            product_data: { name: `Consultation with ${subject.doctorName} on ${when}` },
          },
        },
      ],
      metadata,
      payment_intent_data: { metadata },
      client_reference_id: subject.appointmentId,
      customer_email: subject.patientEmail,
      expires_at: Math.floor(checkoutExpiresAt(subject.holdExpiresAt, now).getTime() / 1000),
      // Back to the confirmation page, which waits for the webhook's word before saying "paid".
      success_url: `${returnTo}/booked?checkout=success`,
      cancel_url: `${returnTo}?checkout=cancelled`,
    },
    { idempotencyKey: checkoutIdempotencyKey(subject.appointmentId) },
  );
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no url`);
  if (!(await recordCheckoutSession(db, payment.id, session.id))) {
    // The hold was released or replaced while the session was being made: it must not be payable.
    await closeCheckoutSessions([session.id]);
    throw new AppError("conflict", "This booking is no longer held. Please book again.");
  }
  return { url: session.url, sessionId: session.id };
}
