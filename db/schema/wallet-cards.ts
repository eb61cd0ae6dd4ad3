import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { users } from "./users";

// The wallet's card side (issue #19): money added by Stripe Checkout and
// withdrawn by refunding those top-ups. Payments are tied to appointments, so
// top-ups have their own table. The ledger (wallet.ts) moves only when Stripe's
// verified webhook (or its answer to a refund) says the money moved.

/**
 * pending: a Checkout Session is open; credited: the webhook confirmed the
 * amount and the wallet holds it; mismatch: Stripe took another amount or
 * currency than asked, so nothing is credited and an admin decides; expired /
 * failed: the session closed unpaid.
 */
export const walletTopUpStatus = pgEnum("wallet_top_up_status", ["pending", "credited", "mismatch", "expired", "failed"]);

export const walletTopUps = pgTable(
  "wallet_top_ups",
  {
    id: id(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: walletTopUpStatus("status").notNull().default("pending"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    /** What Stripe reported taking, as it said it (differs from the asked amount only on a mismatch). */
    receivedAmountMinor: integer("received_amount_minor"),
    receivedCurrency: text("received_currency"),
    /** Spoken for by withdrawals: refunds pending or succeeded (a failed one gives its part back). */
    refundedMinor: integer("refunded_minor").notNull().default(0),
    creditedAt: instant("credited_at"),
    ...timestamps(),
  },
  (t) => [
    index("wallet_top_ups_patient_idx").on(t.patientId, t.currency, t.creditedAt),
    index("wallet_top_ups_status_idx").on(t.status),
    uniqueIndex("wallet_top_ups_stripe_session_key").on(t.stripeCheckoutSessionId),
    uniqueIndex("wallet_top_ups_stripe_intent_key").on(t.stripePaymentIntentId),
    check("wallet_top_ups_amount_positive", sql`${t.amountMinor} > 0`),
    check("wallet_top_ups_currency_shape", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("wallet_top_ups_refunded_within_amount", sql`${t.refundedMinor} between 0 and ${t.amountMinor}`),
    check("wallet_top_ups_refunds_only_when_credited", sql`${t.refundedMinor} = 0 or ${t.status} = 'credited'`),
  ],
);

/** pending: some of its refunds are not final yet; settled: every refund reached its final state. */
export const walletWithdrawalStatus = pgEnum("wallet_withdrawal_status", ["pending", "settled"]);

export const walletWithdrawals = pgTable(
  "wallet_withdrawals",
  {
    id: id(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: walletWithdrawalStatus("status").notNull().default("pending"),
    settledAt: instant("settled_at"),
    ...timestamps(),
  },
  (t) => [
    index("wallet_withdrawals_patient_idx").on(t.patientId, t.createdAt),
    check("wallet_withdrawals_amount_positive", sql`${t.amountMinor} > 0`),
    check("wallet_withdrawals_currency_shape", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const walletRefundStatus = pgEnum("wallet_refund_status", ["pending", "succeeded", "failed"]);

/** One Stripe refund of one top-up, part of a withdrawal (newest top-up first). */
export const walletWithdrawalRefunds = pgTable(
  "wallet_withdrawal_refunds",
  {
    id: id(),
    withdrawalId: uuid("withdrawal_id")
      .notNull()
      .references(() => walletWithdrawals.id, { onDelete: "restrict" }),
    topUpId: uuid("top_up_id")
      .notNull()
      .references(() => walletTopUps.id, { onDelete: "restrict" }),
    amountMinor: integer("amount_minor").notNull(),
    status: walletRefundStatus("status").notNull().default("pending"),
    stripeRefundId: text("stripe_refund_id"),
    /** Set (committed) by the sender about to call Stripe, so another sender backs off; cleared with Stripe's answer. */
    sendClaimedAt: instant("send_claimed_at"),
    ...timestamps(),
  },
  (t) => [
    index("wallet_withdrawal_refunds_withdrawal_idx").on(t.withdrawalId),
    index("wallet_withdrawal_refunds_top_up_idx").on(t.topUpId),
    uniqueIndex("wallet_withdrawal_refunds_stripe_key").on(t.stripeRefundId),
    check("wallet_withdrawal_refunds_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

export type WalletTopUp = typeof walletTopUps.$inferSelect;
export type WalletWithdrawal = typeof walletWithdrawals.$inferSelect;
export type WalletWithdrawalRefund = typeof walletWithdrawalRefunds.$inferSelect;
