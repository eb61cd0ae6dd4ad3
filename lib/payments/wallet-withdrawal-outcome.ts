import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  countPendingRefunds,
  findWithdrawalRefundForStripe,
  getWithdrawalRefund,
  lockWithdrawal,
  lockWithdrawalRefund,
  settleWithdrawal,
  shiftTopUpRefunded,
  updateWithdrawalRefund,
} from "@/db/queries/wallet-cards";
import type { WalletWithdrawalRefund } from "@/db/schema";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import type { Stripe } from "@/lib/payments/stripe-client";
import { postHouseTransfer, postToLedger } from "@/lib/wallet/ledger";

// Where a withdrawal's refund ends, as Stripe answers it (the create call) or
// tells it later (refund.* and charge.refunded webhooks), whichever comes first:
// succeeded → the money leaves pending_withdrawals for the card (settled);
// failed or canceled → it comes back to the wallet, and the top-up can be
// refunded again. Stripe may fail a refund even after "succeeded": that too
// returns it. Each step posts once (the refund row's status under its
// withdrawal's lock, and the ledger's idempotency keys).

type RefundState = WalletWithdrawalRefund["status"];

export const refundStatusOf = (status: string | null | undefined): RefundState =>
  status === "succeeded" ? "succeeded" : status === "failed" || status === "canceled" ? "failed" : "pending";

const SYSTEM = { actorId: null, actorRole: "system" as const };

export async function applyWithdrawalRefundStatus(
  tx: Db,
  input: { refundId: string; status: RefundState; stripeRefundId: string | null; sendDone?: boolean },
  now: Date,
): Promise<void> {
  // The withdrawal's lock first: sibling refunds finishing at once are counted one at a time, so exactly one settles it.
  const unlocked = await getWithdrawalRefund(tx, input.refundId);
  if (!unlocked) return;
  const withdrawal = (await lockWithdrawal(tx, unlocked.withdrawalId))!;
  const refund = (await lockWithdrawalRefund(tx, input.refundId))!;
  const to = moveAllowed(refund.status, input.status) ? input.status : refund.status;
  const updated = await updateWithdrawalRefund(tx, refund.id, {
    stripeRefundId: input.stripeRefundId ?? refund.stripeRefundId,
    status: to,
    ...(input.sendDone ? { sendClaimedAt: null } : {}),
  });
  if (to === refund.status) return;

  const base = { patientId: withdrawal.patientId, withdrawalId: withdrawal.id, withdrawalRefundId: refund.id, ...SYSTEM, currency: withdrawal.currency };
  if (to === "succeeded") {
    await postHouseTransfer(tx, {
      ...base,
      kind: "withdrawal_settled",
      idempotencyKey: `withdrawal-settled/${refund.id}`,
      amountMinor: refund.amountMinor,
      from: "pending_withdrawals",
      to: "card_clearing",
    });
  } else {
    // Failed: back on the wallet, from where the money stood (still pending, or already counted as gone to the card).
    await postToLedger(tx, {
      ...base,
      kind: "withdrawal_returned",
      idempotencyKey: `withdrawal-returned/${refund.id}`,
      walletMinor: refund.amountMinor,
      counterpart: refund.status === "succeeded" ? "card_clearing" : "pending_withdrawals",
    });
    await shiftTopUpRefunded(tx, refund.topUpId, -refund.amountMinor);
  }
  await insertAuditEntry(tx, {
    ...SYSTEM,
    action: `wallet.withdrawal_refund_${to}`,
    entityType: "wallet_withdrawal",
    entityId: withdrawal.id,
    before: { refundId: refund.id, status: refund.status },
    after: { refundId: refund.id, status: to, stripeRefundId: updated.stripeRefundId, amountMinor: refund.amountMinor },
  });
  if (withdrawal.status === "pending" && (await countPendingRefunds(tx, withdrawal.id)) === 0) {
    await settleWithdrawal(tx, withdrawal.id, now);
    await enqueueOutboxEvent(tx, "wallet/withdrawal.settled", { withdrawalId: withdrawal.id });
  }
}

/** pending → a final state; succeeded → failed (Stripe could not deliver it after all). Nothing else moves. */
function moveAllowed(from: RefundState, to: RefundState): boolean {
  return (from === "pending" && to !== "pending") || (from === "succeeded" && to === "failed");
}

/** A refund.* event (or one refund of a charge.refunded), in the webhook's transaction: false when it is no withdrawal's refund. */
export async function applyStripeRefundToWallet(tx: Db, refund: Stripe.Refund, now: Date): Promise<boolean> {
  const row = await findWithdrawalRefundForStripe(tx, { stripeRefundId: refund.id, refundId: refund.metadata?.walletRefundId });
  if (!row) return false;
  await applyWithdrawalRefundStatus(tx, { refundId: row.id, status: refundStatusOf(refund.status), stripeRefundId: refund.id }, now);
  return true;
}
