import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import { walletBalances } from "@/db/queries/ledger";
import {
  claimWithdrawalRefundSend,
  getTopUp,
  getWithdrawal,
  insertWithdrawal,
  insertWithdrawalRefunds,
  listRefundsOfWithdrawal,
  listUnsentWithdrawalRefunds,
  lockRefundableTopUps,
  refundableByCurrency,
  releaseWithdrawalRefundSend,
  shiftTopUpRefunded,
} from "@/db/queries/wallet-cards";
import { retryingTransaction } from "@/db/transactions";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { logger } from "@/lib/logger";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { getStripe } from "@/lib/payments/stripe-client";
import { isOverdraft, postToLedger } from "@/lib/wallet/ledger";
import type { WithdrawalRequest } from "@/lib/wallet/schemas";
import { CARD_PAYMENTS_OFF } from "./wallet-top-up";
import { applyWithdrawalRefundStatus, refundStatusOf } from "./wallet-withdrawal-outcome";

// "Withdraw to card": the unspent part of earlier top-ups goes back to the
// cards that paid them, through Stripe refunds, newest top-up first. The
// wallet is debited into pending_withdrawals when the withdrawal is asked for;
// each refund's final state then settles it to the card or returns it.

export const WITHDRAWAL_SEND_LEASE_MS = 5 * 60_000;

/** Per currency: the balance, what top-ups can still refund, and so the most one can withdraw now. */
export async function withdrawableAmounts(db: Db, patientId: string) {
  const [balances, refundable] = await Promise.all([walletBalances(db, patientId), refundableByCurrency(db, patientId)]);
  return balances.map((row) => {
    const refundableMinor = refundable.get(row.currency) ?? 0;
    return { ...row, refundableMinor, withdrawableMinor: Math.min(row.balanceMinor, refundableMinor) };
  });
}

/** Splits an amount over top-ups newest first: what each refunds. */
export function allocateNewestFirst(topUps: { id: string; amountMinor: number; refundedMinor: number }[], amountMinor: number) {
  const parts: { topUpId: string; amountMinor: number }[] = [];
  let left = amountMinor;
  for (const topUp of topUps) {
    if (left === 0) break;
    const take = Math.min(left, topUp.amountMinor - topUp.refundedMinor);
    if (take > 0) parts.push({ topUpId: topUp.id, amountMinor: take });
    left -= take;
  }
  return { parts, uncovered: left };
}

/**
 * Records the withdrawal in one transaction (the wallet debit, one pending
 * refund per top-up it draws on, each top-up's refunded part), then sends the
 * refunds to Stripe after the commit. The form's id is the withdrawal's, so a
 * resent form withdraws once. Parallel withdrawals queue on the top-up rows
 * and the wallet's row; the one the balance no longer covers is refused whole.
 */
export async function requestWithdrawal(db: Db, patientId: string, input: WithdrawalRequest) {
  if (!getStripe()) throw new AppError("conflict", CARD_PAYMENTS_OFF);
  const { currency, amountMinor } = input;
  let withdrawalId: string;
  try {
    withdrawalId = await retryingTransaction(db, async (tx) => {
      const withdrawal = await insertWithdrawal(tx, { id: input.requestId, patientId, currency, amountMinor });
      if (!withdrawal) {
        const earlier = await getWithdrawal(tx, input.requestId);
        if (earlier?.patientId !== patientId) throw new AppError("conflict", "Reload the page and try again.");
        return earlier.id;
      }
      const topUps = await lockRefundableTopUps(tx, patientId, currency);
      const { parts, uncovered } = allocateNewestFirst(topUps, amountMinor);
      if (uncovered > 0) {
        const most = formatMoney(amountMinor - uncovered, currency);
        throw new AppError("conflict", `At most ${most} can go back to your cards: only money added by card can be withdrawn.`, {
          amount: [`At most ${most}.`],
        });
      }
      const refunds = await insertWithdrawalRefunds(
        tx,
        parts.map((part) => ({ withdrawalId: withdrawal.id, topUpId: part.topUpId, amountMinor: part.amountMinor })),
      );
      for (const part of parts) await shiftTopUpRefunded(tx, part.topUpId, part.amountMinor);
      const posted = await postToLedger(tx, {
        kind: "withdrawal",
        patientId,
        withdrawalId: withdrawal.id,
        actorId: patientId,
        actorRole: "patient",
        idempotencyKey: `withdrawal/${withdrawal.id}`,
        currency,
        walletMinor: -amountMinor,
        counterpart: "pending_withdrawals",
      });
      await insertAuditEntry(tx, {
        actorId: patientId,
        actorRole: "patient",
        action: "wallet.withdrawal_requested",
        entityType: "wallet_withdrawal",
        entityId: withdrawal.id,
        after: {
          transactionId: posted.transactionId,
          amountMinor,
          currency,
          refunds: refunds.map((row) => ({ id: row.id, topUpId: row.topUpId, amountMinor: row.amountMinor })),
        },
      });
      await enqueueOutboxEvent(tx, "wallet/movement.recorded", { transactionId: posted.transactionId });
      return withdrawal.id;
    });
  } catch (error) {
    if (!isOverdraft(error)) throw error;
    const balance = (await walletBalances(db, patientId)).find((row) => row.currency === currency)?.balanceMinor ?? 0;
    throw new AppError("conflict", `Your balance is ${formatMoney(balance, currency)}: withdraw at most that. Nothing was withdrawn.`, {
      amount: ["More than your balance."],
    });
  }
  for (const refund of await listRefundsOfWithdrawal(db, withdrawalId)) if (refund.status === "pending") await sendWithdrawalRefund(db, refund.id);
  return { withdrawalId };
}

export type SendOutcome = "sent" | "skipped" | "failed";

/**
 * Sends one pending withdrawal refund to Stripe, never inside a transaction:
 * claimed first (committed), then Stripe is asked (keyed on the row, so a
 * second send is the same refund), then its answer is applied like the
 * webhook's. Stripe refusing it outright returns the money to the wallet; an
 * outage leaves it pending for the sweep.
 */
export async function sendWithdrawalRefund(db: Db, refundId: string): Promise<SendOutcome> {
  const refund = await claimWithdrawalRefundSend(db, refundId, WITHDRAWAL_SEND_LEASE_MS);
  if (!refund) return "skipped";
  const stripe = getStripe();
  const topUp = await getTopUp(db, refund.topUpId);
  if (!stripe || !topUp?.stripePaymentIntentId) {
    await releaseWithdrawalRefundSend(db, refund);
    return "failed";
  }
  let status: "pending" | "succeeded" | "failed";
  let stripeRefundId: string | null = null;
  try {
    const sent = await stripe.refunds.create(
      {
        payment_intent: topUp.stripePaymentIntentId,
        amount: refund.amountMinor,
        reason: "requested_by_customer",
        metadata: { walletRefundId: refund.id, walletWithdrawalId: refund.withdrawalId, walletTopUpId: topUp.id },
      },
      { idempotencyKey: `wallet-refund-${refund.id}` },
    );
    status = refundStatusOf(sent.status);
    stripeRefundId = sent.id;
  } catch (error) {
    const stripeError = error as { type?: string; message?: string };
    logger.error({ walletRefundId: refund.id, type: stripeError.type, err: stripeError.message }, "withdrawal refund not sent to Stripe");
    if (stripeError.type !== "StripeInvalidRequestError") {
      await releaseWithdrawalRefundSend(db, refund);
      return "failed";
    }
    status = "failed";
  }
  await retryingTransaction(db, (tx) => applyWithdrawalRefundStatus(tx, { refundId: refund.id, status, stripeRefundId, sendDone: true }, new Date()));
  return "sent";
}

/** The sweep's part (inngest/functions/sweep-outbox.ts): withdrawal refunds that never reached Stripe. */
export async function retryUnsentWithdrawalRefunds(db: Db, now: Date): Promise<number> {
  if (!getStripe()) return 0;
  const unsent = await listUnsentWithdrawalRefunds(db, { createdBefore: new Date(now.getTime() - 60_000), leaseMs: WITHDRAWAL_SEND_LEASE_MS });
  let sent = 0;
  for (const { id } of unsent) if ((await sendWithdrawalRefund(db, id)) === "sent") sent++;
  return sent;
}
