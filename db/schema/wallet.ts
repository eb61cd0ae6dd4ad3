import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { id, instant, timestamps } from "./columns";
import { actorRole } from "./enums";
import { payments, refunds } from "./payments";
import { users } from "./users";
import { walletTopUps, walletWithdrawalRefunds, walletWithdrawals } from "./wallet-cards";

// The patient wallet as a double-entry ledger (issue #19). PostgreSQL keeps it
// honest, not the code alone (migration 0020_wallet_ledger.sql):
// - entries are append-only (UPDATE, DELETE and TRUNCATE are refused);
// - each transaction's entries sum to zero per currency, checked at COMMIT;
// - an account's balance moves only with its entries (a trigger adds each
//   entry; a direct UPDATE of the balance is refused) and a patient wallet's
//   balance can never go below zero (a CHECK on the row that every entry
//   updates under its row lock, so parallel debits queue and the one that
//   would overdraw fails).

/**
 * patient_wallet: what a patient holds (never negative). The others are the
 * house's side of each movement and may go negative: card_clearing (money in
 * from or out to cards through Stripe), visit_fees (visits paid from a
 * wallet), adjustments (an admin's corrections), pending_withdrawals (money
 * taken from a wallet for a card refund Stripe has not settled yet).
 */
export const ledgerAccountKind = pgEnum("ledger_account_kind", ["patient_wallet", "card_clearing", "visit_fees", "adjustments", "pending_withdrawals"]);

export const ledgerTransactionKind = pgEnum("ledger_transaction_kind", [
  "top_up",
  "withdrawal",
  "visit_payment",
  "visit_refund",
  "card_refund_to_wallet",
  "adjustment",
  /** A withdrawal's refund Stripe settled: pending_withdrawals → card_clearing (no wallet entry). */
  "withdrawal_settled",
  /** A withdrawal's refund that failed: its money back on the wallet. */
  "withdrawal_returned",
]);

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: id(),
    kind: ledgerAccountKind("kind").notNull(),
    /** The patient of a wallet; null for the house's accounts. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "restrict" }),
    currency: text("currency").notNull(),
    balanceMinor: bigint("balance_minor", { mode: "number" }).notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    unique("ledger_accounts_kind_owner_currency_key").on(t.kind, t.ownerId, t.currency).nullsNotDistinct(),
    check("ledger_accounts_wallet_not_negative", sql`${t.kind} <> 'patient_wallet' or ${t.balanceMinor} >= 0`),
    check("ledger_accounts_owner_only_for_wallets", sql`(${t.kind} = 'patient_wallet') = (${t.ownerId} is not null)`),
    check("ledger_accounts_currency_shape", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** One movement of money, with what caused it. */
export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: id(),
    kind: ledgerTransactionKind("kind").notNull(),
    /** The patient whose wallet it moves. */
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    paymentId: uuid("payment_id").references(() => payments.id, { onDelete: "restrict" }),
    appointmentId: uuid("appointment_id").references(() => appointments.id, { onDelete: "restrict" }),
    refundId: uuid("refund_id").references(() => refunds.id, { onDelete: "restrict" }),
    topUpId: uuid("top_up_id").references(() => walletTopUps.id, { onDelete: "restrict" }),
    withdrawalId: uuid("withdrawal_id").references(() => walletWithdrawals.id, { onDelete: "restrict" }),
    withdrawalRefundId: uuid("withdrawal_refund_id").references(() => walletWithdrawalRefunds.id, { onDelete: "restrict" }),
    /** An admin's reason for an adjustment; what the patient sees in their history. */
    reason: text("reason"),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorRole: actorRole("actor_role").notNull(),
    /** What makes a retried cause (a webhook's event id, a cancellation) post once. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("ledger_transactions_idempotency_key").on(t.idempotencyKey),
    index("ledger_transactions_patient_idx").on(t.patientId, t.createdAt),
    index("ledger_transactions_appointment_idx").on(t.appointmentId),
    index("ledger_transactions_payment_idx").on(t.paymentId),
    index("ledger_transactions_top_up_idx").on(t.topUpId),
    index("ledger_transactions_withdrawal_idx").on(t.withdrawalId),
    check("ledger_transactions_adjustment_has_reason", sql`${t.kind} <> 'adjustment' or length(btrim(coalesce(${t.reason}, ''))) > 0`),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id(),
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => ledgerTransactions.id, { onDelete: "restrict" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id, { onDelete: "restrict" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("ledger_entries_transaction_idx").on(t.transactionId),
    index("ledger_entries_account_idx").on(t.accountId, t.createdAt),
    check("ledger_entries_amount_nonzero", sql`${t.amountMinor} <> 0`),
  ],
);

export type LedgerAccountKind = (typeof ledgerAccountKind.enumValues)[number];
export type LedgerTransactionKind = (typeof ledgerTransactionKind.enumValues)[number];
