import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  claimRefundSend,
  committedRefundTotal,
  getRefund,
  getRefundTarget,
  insertRefund,
  listUnsentRefunds,
  lockPaymentOfAppointment,
  type Refund,
  releaseRefundSend,
  syncRefundedAmount,
  updatePayment,
  updatePendingRefund,
} from "@/db/queries/payments";
import { formatMoney } from "@/lib/format";
import { logger } from "@/lib/logger";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { creditWalletRefund } from "@/lib/wallet/refund";
import type { PaymentProvider } from "@/lib/vocabulary";
import { cancellationMoney, type CancellationActor, type RefundPolicy } from "./policy";
import { getStripe, type Stripe } from "./stripe-client";

/** One key per refund row: a retried or concurrent send is one refund at Stripe. */
export const refundIdempotencyKey = (refundId: string) => `refund-${refundId}`;

/** Who a refund's audit rows name: the person who asked, or the system (a webhook, a job) when nobody did. */
export type RefundActor = { id: string | null; role: CancellationActor };
const SYSTEM: RefundActor = { id: null, role: "system" };

/** Written in the transaction that inserts a refund row, whatever inserted it. */
export async function auditRefundRecorded(tx: Db, refund: Refund, payment: { appointmentId: string; currency: string }, actor: RefundActor): Promise<void> {
  await insertAuditEntry(tx, {
    actorId: actor.id,
    actorRole: actor.role,
    action: "refund.recorded",
    entityType: "refund",
    entityId: refund.id,
    after: {
      paymentId: refund.paymentId,
      appointmentId: payment.appointmentId,
      amountMinor: refund.amountMinor,
      currency: payment.currency,
      status: refund.status,
      reason: refund.reason,
    },
  });
}

/**
 * Written in the transaction that changes a refund's status or hands it to
 * Stripe. The action names where the refund now stands: "refund.sent" while
 * Stripe holds it undecided, else "refund.succeeded" or "refund.failed".
 */
export async function auditRefundStatus(tx: Db, actor: RefundActor, before: Refund, after: Refund, detail: Record<string, unknown> = {}): Promise<void> {
  await insertAuditEntry(tx, {
    actorId: actor.id,
    actorRole: actor.role,
    action: after.status === "pending" ? "refund.sent" : `refund.${after.status}`,
    entityType: "refund",
    entityId: after.id,
    before: { status: before.status, stripeRefundId: before.stripeRefundId },
    after: { status: after.status, stripeRefundId: after.stripeRefundId, ...detail },
  });
}

/**
 * Inside the cancellation transaction: what happens to the appointment's money.
 * An unpaid checkout is closed, a fee due at the clinic is no longer due, and a
 * payment is refunded as the policy says, recorded as a pending refund row
 * that `issueRefund` sends to Stripe after the commit.
 */
export async function settleCancelledPayment(
  tx: Db,
  input: { appointmentId: string; startsAt: Date; bookedAt?: Date | null; actor: RefundActor; now: Date; policy: RefundPolicy; toWallet?: boolean },
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
    bookedAt: input.bookedAt,
    policy: input.policy,
  });
  if (money.kind !== "refund") return { refundIds: [], sessionIds: [] };
  // "Keep as wallet credit": a card payment's refund credited to the wallet at once, with no card refund.
  const toWallet = input.toWallet === true && payment.provider === "stripe";
  const refund = await recordRefund(tx, {
    payment,
    kind: "cancellation",
    amountMinor: money.amount,
    reason: toWallet ? `${formatMoney(money.amount, payment.currency)} kept as wallet credit.` : money.message,
    actor: input.actor,
    toWallet,
  });
  return { refundIds: refund.status === "pending" ? [refund.id] : [], sessionIds: [] };
}

/**
 * A refund row: pending for Stripe; at once "succeeded" for a clinic payment,
 * which the clinic hands back itself, and for a wallet payment, credited back
 * to the wallet in this same transaction.
 */
export async function recordRefund(
  tx: Db,
  input: {
    payment: { id: string; provider: PaymentProvider; patientId: string; appointmentId: string; currency: string };
    kind: "cancellation" | "manual";
    amountMinor: number;
    reason: string;
    actor: RefundActor;
    /** A card payment's refund kept as wallet credit instead: done at once, nothing sent to Stripe. */
    toWallet?: boolean;
  },
): Promise<Refund> {
  const refund = await insertRefund(tx, {
    paymentId: input.payment.id,
    kind: input.kind,
    amountMinor: input.amountMinor,
    reason: input.reason,
    status: input.payment.provider === "stripe" && !input.toWallet ? "pending" : "succeeded",
    requestedBy: input.actor.id,
    requestedByRole: input.actor.role,
  });
  await auditRefundRecorded(tx, refund, input.payment, input.actor);
  if (input.payment.provider === "wallet" || input.toWallet)
    await creditWalletRefund(tx, {
      refund,
      kind: input.payment.provider === "wallet" ? "visit_refund" : "card_refund_to_wallet",
      patientId: input.payment.patientId,
      currency: input.payment.currency,
      actor: input.actor,
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
  if (refund.kind === "late_payment") return;
  const payment = await getRefundTarget(tx, refund.paymentId);
  if (!payment) return;
  await enqueueOutboxEvent(tx, "payment/refunded", {
    paymentId: refund.paymentId,
    appointmentId: payment.appointmentId,
    refundId: refund.id,
    amountMinor: refund.amountMinor,
  });
}

const finalStatus = (status: string | null): Refund["status"] =>
  status === "succeeded" ? "succeeded" : status === "failed" || status === "canceled" ? "failed" : "pending";

export type IssueOutcome = "sent" | "skipped" | "busy" | "failed";

/** How long a sender's claim on a refund stands before the sweep may take it over: far past the client's timeout and retries. */
export const REFUND_SEND_LEASE_MS = 5 * 60_000;

/**
 * Sends one pending refund to Stripe's Refunds API, never inside a database
 * transaction: the row is claimed (committed at once, so a second sender, a
 * webhook redelivery or an admin's retry, sees it and is told "busy"), then
 * Stripe is called, then its answer is recorded in a short transaction of its
 * own. Whatever fails after the claim leaves the row pending for the sweep
 * (`retryUnsentRefunds`): an unanswered call gives the claim up at once, a
 * sender that died holds it only for REFUND_SEND_LEASE_MS; and the
 * idempotency key makes any second send the same refund at Stripe. The actor
 * is whoever asked for this send: an admin retrying, else the system.
 */
export async function issueRefund(db: Db, refundId: string, actor: RefundActor = SYSTEM): Promise<IssueOutcome> {
  const refund = await claimRefundSend(db, refundId, REFUND_SEND_LEASE_MS);
  if (!refund) {
    const row = await getRefund(db, refundId);
    return row?.status === "pending" && !row.stripeRefundId ? "busy" : "skipped";
  }
  const stripe = getStripe();
  const target = await getRefundTarget(db, refund.paymentId);
  if (!stripe || !target?.stripePaymentIntentId) {
    await releaseRefundSend(db, refund);
    return "failed";
  }
  let sent: Stripe.Refund;
  try {
    sent = await stripe.refunds.create(
      {
        payment_intent: target.stripePaymentIntentId,
        amount: refund.amountMinor,
        reason: "requested_by_customer",
        metadata: { refundId: refund.id, paymentId: refund.paymentId, appointmentId: target.appointmentId },
      },
      { idempotencyKey: refundIdempotencyKey(refund.id) },
    );
  } catch (error) {
    const stripeError = error as { type?: string; message?: string };
    logger.error({ refundId, type: stripeError.type, err: stripeError.message }, "refund not sent to Stripe");
    // Stripe refused it outright (already refunded, amount too high): retrying cannot help.
    if (stripeError.type === "StripeInvalidRequestError") {
      await db.transaction(async (tx) => {
        const failed = await updatePendingRefund(tx, refund.id, { status: "failed", sendClaimedAt: null });
        if (failed) await auditRefundStatus(tx, actor, refund, failed, { error: stripeError.message ?? null });
      });
    } else {
      await releaseRefundSend(db, refund);
    }
    return "failed";
  }
  await db.transaction(async (tx) => {
    // A webhook may have recorded the outcome first; only a still-pending row takes the answer.
    const updated = await updatePendingRefund(tx, refund.id, { stripeRefundId: sent.id, status: finalStatus(sent.status), sendClaimedAt: null });
    if (updated) await auditRefundStatus(tx, actor, refund, updated);
    await syncRefundedAmount(tx, refund.paymentId);
    if (updated?.status === "succeeded") await announceRefundSucceeded(tx, updated);
  });
  return "sent";
}

/**
 * Sends again what was recorded but never reached Stripe (an outage, a server
 * that died mid-send): run every minute by the sweep in
 * inngest/functions/sweep-outbox.ts, and safe beside any other sender.
 */
export async function retryUnsentRefunds(db: Db, now: Date): Promise<number> {
  if (!getStripe()) return 0;
  const unsent = await listUnsentRefunds(db, { createdBefore: new Date(now.getTime() - 60_000), now, leaseMs: REFUND_SEND_LEASE_MS });
  let sent = 0;
  for (const { id } of unsent) if ((await issueRefund(db, id)) === "sent") sent++;
  return sent;
}
