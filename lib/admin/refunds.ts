import "server-only";
import type { Db } from "@/db/client";
import { committedRefundTotal, getRefund, lockPayment, type Refund } from "@/db/queries/payments";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { issueRefund, recordRefund, type IssueOutcome } from "@/lib/payments/refunds";
import { auditAdmin, requireActiveAdmin, type Actor } from "./actor";

// The admin's side of refunds: a refund by hand and a "send again", each
// audited as the admin's action. Recording and sending live in lib/payments.

/** An admin's "send again" for a refund Stripe never got: audited as the admin's action, whatever Stripe answers. */
export async function retryRefundForAdmin(db: Db, actor: Actor, refundId: string): Promise<IssueOutcome> {
  const admin = await requireActiveAdmin(db, actor);
  const before = await getRefund(db, refundId);
  if (!before) throw new AppError("not_found", "That refund does not exist.");
  const outcome = await issueRefund(db, refundId, admin);
  const after = (await getRefund(db, refundId)) ?? before;
  await auditAdmin(db, admin, {
    action: "refund.retried",
    entityType: "refund",
    entityId: refundId,
    before: { status: before.status, stripeRefundId: before.stripeRefundId },
    after: { outcome, status: after.status, stripeRefundId: after.stripeRefundId },
  });
  return outcome;
}

/**
 * An admin refunds part or all of a payment, with a reason: audited in the
 * same transaction, then sent to Stripe. Never more than is left to refund.
 */
export async function refundPaymentManually(
  db: Db,
  actor: Actor,
  input: { paymentId: string; amountMinor: number; reason: string },
): Promise<{ refund: Refund; outcome: IssueOutcome; currency: string }> {
  const admin = await requireActiveAdmin(db, actor);
  const { refund, currency } = await db.transaction(async (tx) => {
    const payment = await lockPayment(tx, input.paymentId);
    if (!payment) throw new AppError("not_found", "We could not find that payment.");
    if (payment.status !== "paid" && payment.status !== "partially_refunded") throw new AppError("conflict", "Only a received payment can be refunded.");
    const left = payment.amountMinor - (await committedRefundTotal(tx, payment.id));
    if (left <= 0) throw new AppError("conflict", "This payment has been refunded in full already.");
    if (input.amountMinor > left)
      throw new AppError("invalid_input", "Some fields need your attention.", {
        amount: [`At most ${formatMoney(left, payment.currency)} can still be refunded.`],
      });
    const row = await recordRefund(tx, { payment, kind: "manual", amountMinor: input.amountMinor, reason: input.reason, actor: admin });
    await auditAdmin(tx, admin, {
      action: "payment.refunded_manually",
      entityType: "payment",
      entityId: payment.id,
      before: { status: payment.status, refundedMinor: payment.refundedMinor },
      after: { refundId: row.id, amountMinor: row.amountMinor, currency: payment.currency, reason: input.reason },
    });
    return { refund: row, currency: payment.currency };
  });
  const outcome = refund.status === "pending" ? await issueRefund(db, refund.id, admin) : "sent";
  return { refund: (await getRefund(db, refund.id)) ?? refund, outcome, currency };
}
