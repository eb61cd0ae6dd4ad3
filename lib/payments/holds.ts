import "server-only";
import type { Db } from "@/db/client";
import { cancelLapsedHolds, listActiveHoldsOfPatient, listLapsedHolds, lockAppointment, transitionAppointment } from "@/db/queries/appointments";
import { expirePaymentsOfLapsedHolds, lockPaymentOfAppointment, updatePayment } from "@/db/queries/payments";
import { logger } from "@/lib/logger";
import { paymentModeFor, type PaymentMode } from "./policy";
import { getStripe, onlinePaymentsEnabled } from "./stripe-client";

// Holds: a booking waiting for its online payment keeps its slot
// (pending_payment) until hold_expires_at. Everything about a hold lives here:
// its expiry, the words for how it ended, and its release, whether by a
// booking in its way, a background job, or Stripe.

export const HOLD_RELEASE_REASON = "Payment was not completed in time; the slot was released.";
export const HOLD_REPLACED_REASON = "Replaced by a new booking before payment; nothing was charged.";
export const PAYMENT_FAILED_REASON = "The payment failed, so the slot was released.";
export const HOLD_RAN_OUT_MESSAGE = "The time we held for you ran out, so the slot was released. Please book again.";

const MINUTE_MS = 60_000;

/** When a hold made now for `holdMinutes` runs out. */
export function holdExpiry(now: Date, holdMinutes: number): Date {
  return new Date(now.getTime() + holdMinutes * MINUTE_MS);
}

/**
 * A hold lapses at its expiry instant (inclusive), freeing the slot. `null`
 * means the booking holds no expiring claim (confirmed, or pay at the clinic).
 */
export function isHoldExpired(holdExpiresAt: Date | null, now: Date): boolean {
  return holdExpiresAt !== null && now.getTime() >= holdExpiresAt.getTime();
}

/** How a booking with this doctor's price is paid right now. */
export function bookingPaymentMode(priceMinor: number): PaymentMode {
  return paymentModeFor(priceMinor, onlinePaymentsEnabled());
}

/**
 * Inside a booking change's transaction, under the doctor's lock: the lapsed
 * holds of the doctor and the patient are released (their payments marked
 * expired, the appointments cancelled by the system), so an expired hold
 * never blocks a booking. Returns the Checkout Sessions to close at Stripe
 * once the transaction has committed.
 */
export async function releaseExpiredHolds(tx: Db, input: { doctorId: string; patientId: string; now: Date }): Promise<string[]> {
  const sessions = await expirePaymentsOfLapsedHolds(tx, input);
  await cancelLapsedHolds(tx, { ...input, reason: HOLD_RELEASE_REASON });
  return sessions;
}

/**
 * Runs inside the booking transaction, before the slot is checked: the lapsed
 * holds are released as above, and the patient's own unpaid holds overlapping
 * the new time too, so someone who abandoned a checkout can simply book again:
 * their own hold never blocks them. Returns the Checkout Sessions to close.
 */
export async function clearHoldsForBooking(tx: Db, input: { doctorId: string; patientId: string; startsAt: Date; endsAt: Date; now: Date }): Promise<string[]> {
  const sessions = await releaseExpiredHolds(tx, input);
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

/** Marks the appointment's unpaid payment expired or failed; returns its session to close. */
export async function expireUnpaidPayment(tx: Db, appointmentId: string, status: "expired" | "failed"): Promise<string[]> {
  const payment = await lockPaymentOfAppointment(tx, appointmentId);
  if (!payment || payment.status !== "requires_payment") return [];
  await updatePayment(tx, payment.id, { status });
  return payment.stripeCheckoutSessionId ? [payment.stripeCheckoutSessionId] : [];
}

/**
 * The payment row written with a new booking (lib/booking/book.ts, in the same
 * statement as the appointment): waiting for Stripe, paid from the wallet
 * (lib/wallet/pay.ts debits the balance in the same transaction, and the row's
 * paid_at is the booking moment), or due at the visit; none for a free visit.
 */
export function bookingPaymentRow(mode: PaymentMode): { provider: Exclude<PaymentMode, "free">; status: "requires_payment" | "paid" | "due_at_visit" } | null {
  if (mode === "free") return null;
  return { provider: mode, status: mode === "stripe" ? "requires_payment" : mode === "wallet" ? "paid" : "due_at_visit" };
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
      await transitionAppointment(tx, {
        id: hold.id,
        from: ["pending_payment"],
        to: "cancelled",
        actor: { id: null, role: "system" },
        note: HOLD_RELEASE_REASON,
        cancellation: { reason: HOLD_RELEASE_REASON, at: now },
      });
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
