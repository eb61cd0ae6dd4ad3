import "server-only";
import type { Db } from "@/db/client";
import { HOLD_RELEASE_REASON, lockAppointment, transitionAppointment } from "@/db/queries/appointment-writes";
import { expirePaymentsOfLapsedHolds, insertPayment, listActiveHoldsOfPatient, listLapsedHolds, lockPaymentOfAppointment, updatePayment } from "@/db/queries/payments";
import { logger } from "@/lib/logger";
import { paymentModeFor, type PaymentMode } from "./policy";
import { getStripe, onlinePaymentsEnabled } from "./stripe-client";

export const HOLD_REPLACED_REASON = "Replaced by a new booking before payment; nothing was charged.";

/** How a booking with this doctor's price is paid right now. */
export function bookingPaymentMode(priceMinor: number): PaymentMode {
  return paymentModeFor(priceMinor, onlinePaymentsEnabled());
}

/**
 * Runs inside the booking transaction, before the slot is checked: the
 * payments of lapsed holds are marked expired (releaseExpiredHolds then frees
 * their time), and the patient's own unpaid holds overlapping the new time are
 * released, so someone who abandoned a checkout can simply book again: their
 * own hold never blocks them. Returns the Checkout Sessions to close at Stripe
 * once the transaction has committed.
 */
export async function clearHoldsForBooking(tx: Db, input: { doctorId: string; patientId: string; startsAt: Date; endsAt: Date; now: Date }): Promise<string[]> {
  const sessions = await expirePaymentsOfLapsedHolds(tx, input);
  const own = await listActiveHoldsOfPatient(tx, input);
  for (const hold of own) {
    const released = await transitionAppointment(tx, {
      id: hold.id,
      from: ["pending_payment"],
      to: "cancelled",
      actor: { id: input.patientId, role: "patient" },
      note: HOLD_REPLACED_REASON,
      cancellation: { reason: HOLD_REPLACED_REASON, at: input.now },
    });
    if (released) sessions.push(...(await expireUnpaidPayment(tx, hold.id, "expired")));
  }
  return sessions;
}

/** The lapsed-hold half of the above, for changes that only free time (reschedule). */
export function expireLapsedHoldPayments(tx: Db, input: { doctorId: string; patientId: string; now: Date }): Promise<string[]> {
  return expirePaymentsOfLapsedHolds(tx, input);
}

/** Marks the appointment's unpaid payment expired or failed; returns its session to close. */
export async function expireUnpaidPayment(tx: Db, appointmentId: string, status: "expired" | "failed"): Promise<string[]> {
  const payment = await lockPaymentOfAppointment(tx, appointmentId);
  if (!payment || payment.status !== "requires_payment") return [];
  await updatePayment(tx, payment.id, { status });
  return payment.stripeCheckoutSessionId ? [payment.stripeCheckoutSessionId] : [];
}

/** The payment row written with a new booking: waiting for Stripe, or due at the visit. */
export async function recordBookingPayment(tx: Db, appointment: { id: string; patientId: string; doctorId: string; priceMinor: number; currency: string }, mode: PaymentMode): Promise<void> {
  if (mode === "free") return;
  await insertPayment(tx, {
    appointmentId: appointment.id,
    patientId: appointment.patientId,
    doctorId: appointment.doctorId,
    provider: mode,
    status: mode === "stripe" ? "requires_payment" : "due_at_visit",
    amountMinor: appointment.priceMinor,
    currency: appointment.currency,
  });
}

/**
 * Closes Checkout Sessions whose hold was released, so a hold shorter than
 * Stripe's 30-minute minimum really ends. Best effort, after the commit: a
 * session that completes anyway is refunded (or re-claimed) by the webhook.
 */
export async function closeCheckoutSessions(sessionIds: string[]): Promise<void> {
  const stripe = getStripe();
  if (!stripe || sessionIds.length === 0) return;
  await Promise.all(
    sessionIds.map(async (id) => {
      try {
        await stripe.checkout.sessions.expire(id);
      } catch (error) {
        // Already completed or expired: the webhook has the last word.
        logger.warn({ sessionId: id, err: error }, "checkout session not expired");
      }
    }),
  );
}

/**
 * Eager release of every lapsed hold (any doctor), for a background job; the
 * booking transaction releases the ones in its way on its own even when no job
 * runs. Each hold is released in its own short transaction, compare-and-set.
 */
export async function releaseLapsedHolds(db: Db, now: Date, scope: { doctorId?: string } = {}): Promise<number> {
  const lapsed = await listLapsedHolds(db, { now, doctorId: scope.doctorId });
  let released = 0;
  for (const hold of lapsed) {
    const sessions = await db.transaction(async (tx) => {
      const appointment = await lockAppointment(tx, hold.id);
      if (!appointment || appointment.status !== "pending_payment" || !appointment.holdExpiresAt || appointment.holdExpiresAt > now) return null;
      await transitionAppointment(tx, { id: hold.id, from: ["pending_payment"], to: "cancelled", actor: { id: null, role: "system" }, note: HOLD_RELEASE_REASON, cancellation: { reason: HOLD_RELEASE_REASON, at: now } });
      return expireUnpaidPayment(tx, hold.id, "expired");
    });
    if (sessions) {
      released++;
      await closeCheckoutSessions(sessions);
    }
  }
  return released;
}

/**
 * For a hold released elsewhere (the jobs' eager expiry): its unpaid payment is
 * marked expired and its Checkout Session closed, so it can no longer be paid.
 */
export async function settleReleasedHold(db: Db, appointmentId: string): Promise<void> {
  const sessions = await db.transaction((tx) => expireUnpaidPayment(tx, appointmentId, "expired"));
  await closeCheckoutSessions(sessions);
}
