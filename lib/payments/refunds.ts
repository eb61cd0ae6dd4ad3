import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import { enqueueOutboxEvent } from "@/db/queries/outbox";
import {
  committedRefundTotal,
  getRefund,
  insertRefund,
  listUnsentRefunds,
  lockPayment,
  lockPaymentOfAppointment,
  syncRefundedAmount,
  updatePayment,
  updatePendingRefund,
  updateRefund,
  type Refund,
} from "@/db/queries/payments";
import type { CancellationActor } from "@/lib/booking/rules";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { logger } from "@/lib/logger";
import { LATE_PAYMENT_REFUND_REASON, cancellationMoney } from "./policy";
import { getStripe, type Stripe } from "./stripe-client";

/** One key per refund row: a retried or concurrent send is one refund at Stripe. */
export const refundIdempotencyKey = (refundId: string) => `refund-${refundId}`;

type RefundActor = { id: string | null; role: CancellationActor };

/**
 * Inside the cancellation transaction: what happens to the appointment's money.
 * An unpaid checkout is closed, a fee due at the clinic is no longer due, and a
 * payment is refunded as the policy says, recorded as a pending refund row
 * that `issueRefund` sends to Stripe after the commit.
 */
export async function settleCancelledPayment(
  tx: Db,
  input: { appointmentId: string; startsAt: Date; actor: RefundActor; now: Date; policy: { patientFullRefundHours: number } },
): Promise<{ refundIds: string[]; sessionIds: string[] }> {
  const payment = await lockPaymentOfAppointment(tx, input.appointmentId);
  if (!payment) return { refundIds: [], sessionIds: [] };
  if (payment.status === "requires_payment" || payment.status === "due_at_visit") {
    await updatePayment(tx, payment.id, { status: "expired" });
    return { refundIds: [], sessionIds: payment.stripeCheckoutSessionId ? [payment.stripeCheckoutSessionId] : [] };
  }
  const money = cancellationMoney({
    payment,
    alreadyRefundedMinor: await committedRefundTotal(tx, payment.id),
    actor: input.actor.role,
    startsAt: input.startsAt,
    now: input.now,
    policy: input.policy,
  });
  if (money.kind !== "refund") return { refundIds: [], sessionIds: [] };
  const refund = await recordRefund(tx, { payment, amountMinor: money.amount, reason: money.message, actor: input.actor });
  return { refundIds: refund.status === "pending" ? [refund.id] : [], sessionIds: [] };
}

/** A refund row: pending for Stripe; at once "succeeded" for a clinic payment, which the clinic hands back itself. */
async function recordRefund(tx: Db, input: { payment: { id: string; provider: "stripe" | "clinic" }; amountMinor: number; reason: string; actor: RefundActor }): Promise<Refund> {
  const refund = await insertRefund(tx, {
    paymentId: input.payment.id,
    amountMinor: input.amountMinor,
    reason: input.reason,
    status: input.payment.provider === "stripe" ? "pending" : "succeeded",
    requestedBy: input.actor.id,
    requestedByRole: input.actor.role,
  });
  if (refund.status === "succeeded") {
    await syncRefundedAmount(tx, input.payment.id);
    await announceRefundSucceeded(tx, refund);
  }
  return refund;
}

/**
 * Written in the transaction that records a refund as done, so the patient's
 * refund email goes out exactly when it is true. A late payment's refund has
 * its own email, sent by the webhook.
 */
export async function announceRefundSucceeded(tx: Db, refund: Refund): Promise<void> {
  if (refund.reason === LATE_PAYMENT_REFUND_REASON) return;
  const [payment] = await tx.execute<{ appointment_id: string }>(sql`select appointment_id from payments where id = ${refund.paymentId}`);
  if (!payment) return;
  await enqueueOutboxEvent(tx, "payment/refunded", { paymentId: refund.paymentId, appointmentId: payment.appointment_id, refundId: refund.id, amountMinor: refund.amountMinor });
}

const finalStatus = (status: string | null): Refund["status"] => (status === "succeeded" ? "succeeded" : status === "failed" || status === "canceled" ? "failed" : "pending");

export type IssueOutcome = "sent" | "skipped" | "busy" | "failed";

/**
 * Sends one pending refund to Stripe's Refunds API. A per-refund advisory lock
 * keeps two senders (a webhook redelivery, an admin's retry) from racing, and
 * the idempotency key makes even a lost response safe to send again.
 */
export async function issueRefund(db: Db, refundId: string): Promise<IssueOutcome> {
  const stripe = getStripe();
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtextextended(${`refund:${refundId}`}, 0)) as locked`);
    if (!lock?.locked) return "busy";
    const refund = await getRefund(tx, refundId);
    if (!refund || refund.status !== "pending" || refund.stripeRefundId) return "skipped";
    const [payment] = await tx.execute<{ stripe_payment_intent_id: string | null; appointment_id: string }>(
      sql`select stripe_payment_intent_id, appointment_id from payments where id = ${refund.paymentId}`,
    );
    if (!stripe || !payment?.stripe_payment_intent_id) return "failed";
    let sent: Stripe.Refund;
    try {
      sent = await stripe.refunds.create(
        {
          payment_intent: payment.stripe_payment_intent_id,
          amount: refund.amountMinor,
          reason: "requested_by_customer",
          metadata: { refundId: refund.id, paymentId: refund.paymentId, appointmentId: payment.appointment_id },
        },
        { idempotencyKey: refundIdempotencyKey(refund.id) },
      );
    } catch (error) {
      const stripeError = error as { type?: string; message?: string };
      logger.error({ refundId, type: stripeError.type, err: stripeError.message }, "refund not sent to Stripe");
      // Stripe refused it outright (already refunded, amount too high): retrying cannot help.
      if (stripeError.type === "StripeInvalidRequestError") await updateRefund(tx, refund.id, { status: "failed" });
      return "failed";
    }
    // A webhook may have recorded the outcome first; only a still-pending row takes the answer.
    const updated = await updatePendingRefund(tx, refund.id, { stripeRefundId: sent.id, status: finalStatus(sent.status) });
    await syncRefundedAmount(tx, refund.paymentId);
    if (updated?.status === "succeeded") await announceRefundSucceeded(tx, updated);
    return "sent";
  });
}

/** Refunds recorded but never sent (Stripe was down after the commit), for a job or an admin's retry. */
export async function retryUnsentRefunds(db: Db, now: Date): Promise<number> {
  const unsent = await listUnsentRefunds(db, new Date(now.getTime() - 60_000));
  let sent = 0;
  for (const { id } of unsent) if ((await issueRefund(db, id)) === "sent") sent++;
  return sent;
}

/**
 * An admin refunds part or all of a payment, with a reason: audited in the
 * same transaction, then sent to Stripe. Never more than is left to refund.
 */
export async function refundPaymentManually(db: Db, input: { paymentId: string; amountMinor: number; reason: string; adminId: string }): Promise<{ refund: Refund; outcome: IssueOutcome; currency: string }> {
  const { refund, currency } = await db.transaction(async (tx) => {
    const payment = await lockPayment(tx, input.paymentId);
    if (!payment) throw new AppError("not_found", "We could not find that payment.");
    if (payment.status !== "paid" && payment.status !== "partially_refunded") throw new AppError("conflict", "Only a received payment can be refunded.");
    const left = payment.amountMinor - (await committedRefundTotal(tx, payment.id));
    if (left <= 0) throw new AppError("conflict", "This payment has been refunded in full already.");
    if (input.amountMinor > left) throw new AppError("invalid_input", "Some fields need your attention.", { amount: [`At most ${formatMoney(left, payment.currency)} can still be refunded.`] });
    const row = await recordRefund(tx, { payment, amountMinor: input.amountMinor, reason: input.reason, actor: { id: input.adminId, role: "admin" } });
    await insertAuditEntry(tx, {
      actorId: input.adminId,
      actorRole: "admin",
      action: "payment.refunded_manually",
      entityType: "payment",
      entityId: payment.id,
      before: { status: payment.status, refundedMinor: payment.refundedMinor },
      after: { refundId: row.id, amountMinor: row.amountMinor, currency: payment.currency, reason: input.reason },
    });
    return { refund: row, currency: payment.currency };
  });
  const outcome = refund.status === "pending" ? await issueRefund(db, refund.id) : "sent";
  return { refund: (await getRefund(db, refund.id)) ?? refund, outcome, currency };
}
