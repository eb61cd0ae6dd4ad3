import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { doctorProfiles, ledgerAccounts, ledgerEntries, ledgerTransactions, users, walletTopUps, walletWithdrawals } from "../schema";

// What the wallet's pages, receipts, emails and the admin's reconciliation read.

/** The currencies doctors charge in. */
export async function listDoctorCurrencies(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ currency: doctorProfiles.currency }).from(doctorProfiles);
  return rows.map((row) => row.currency);
}

/** One ledger transaction as the patient's email tells it: what moved on their wallet, and who they are. */
export async function getWalletMovement(db: Db, transactionId: string) {
  const [row] = await db
    .select({
      id: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      reason: ledgerTransactions.reason,
      topUpId: ledgerTransactions.topUpId,
      withdrawalId: ledgerTransactions.withdrawalId,
      createdAt: ledgerTransactions.createdAt,
      amountMinor: ledgerEntries.amountMinor,
      currency: ledgerEntries.currency,
      patientId: users.id,
      patientName: users.fullName,
      patientEmail: users.email,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.id, ledgerEntries.accountId), eq(ledgerAccounts.kind, "patient_wallet")))
    .innerJoin(users, eq(users.id, ledgerTransactions.patientId))
    .where(eq(ledgerTransactions.id, transactionId));
  return row;
}

/** A top-up for its receipt page, with the ledger transaction that credited it. */
export async function getTopUpReceipt(db: Db, topUpId: string) {
  const [row] = await db
    .select({ topUp: walletTopUps, patientName: users.fullName, transactionId: ledgerTransactions.id })
    .from(walletTopUps)
    .innerJoin(users, eq(users.id, walletTopUps.patientId))
    .leftJoin(ledgerTransactions, and(eq(ledgerTransactions.topUpId, walletTopUps.id), eq(ledgerTransactions.kind, "top_up")))
    .where(eq(walletTopUps.id, topUpId));
  return row;
}

/** The patient's withdrawals, newest first. */
export function listWithdrawalsOf(db: Db, patientId: string, limit = 20) {
  return db.select().from(walletWithdrawals).where(eq(walletWithdrawals.patientId, patientId)).orderBy(desc(walletWithdrawals.createdAt)).limit(limit);
}

/**
 * The reconciliation, per currency: every account kind's balance (patients'
 * wallets, card clearing, visit fees, adjustments, pending withdrawals), the
 * sum of every entry (zero by double entry), credits and debits of patient
 * wallets (their difference is what patients hold), and the top-ups.
 */
export async function walletReconciliation(db: Db) {
  const rows = (await db.execute(sql`
    with currencies as (
      select currency from ledger_accounts union select currency from wallet_top_ups
    )
    select c.currency,
      coalesce((select sum(balance_minor) from ledger_accounts a where a.currency = c.currency and a.kind = 'patient_wallet'), 0)::bigint as "patientBalances",
      coalesce((select sum(balance_minor) from ledger_accounts a where a.currency = c.currency), 0)::bigint as "allBalances",
      coalesce((select sum(e.amount_minor) from ledger_entries e where e.currency = c.currency), 0)::bigint as "entriesSum",
      coalesce((select sum(e.amount_minor) filter (where e.amount_minor > 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                where a.kind = 'patient_wallet' and e.currency = c.currency), 0)::bigint as "walletCredits",
      coalesce((select -sum(e.amount_minor) filter (where e.amount_minor < 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                where a.kind = 'patient_wallet' and e.currency = c.currency), 0)::bigint as "walletDebits",
      coalesce((select balance_minor from ledger_accounts a where a.currency = c.currency and a.kind = 'pending_withdrawals'), 0)::bigint as "pendingWithdrawals",
      coalesce((select sum(amount_minor) from wallet_top_ups t where t.currency = c.currency and t.status = 'credited'), 0)::bigint as "toppedUp",
      coalesce((select sum(e.amount_minor) from ledger_entries e join ledger_transactions x on x.id = e.transaction_id
                join ledger_accounts a on a.id = e.account_id
                where x.kind = 'top_up' and a.kind = 'patient_wallet' and e.currency = c.currency), 0)::bigint as "toppedUpInLedger",
      coalesce((select sum(received_amount_minor) from wallet_top_ups t where t.currency = c.currency and t.status = 'credited'), 0)::bigint as "stripeReceived"
    from currencies c
    order by c.currency`)) as unknown as Record<string, string>[];
  return rows.map((row) => ({
    currency: row.currency,
    patientBalances: Number(row.patientBalances),
    allBalances: Number(row.allBalances),
    entriesSum: Number(row.entriesSum),
    walletCredits: Number(row.walletCredits),
    walletDebits: Number(row.walletDebits),
    pendingWithdrawals: Number(row.pendingWithdrawals),
    toppedUp: Number(row.toppedUp),
    toppedUpInLedger: Number(row.toppedUpInLedger),
    stripeReceived: Number(row.stripeReceived),
  }));
}

/**
 * Top-ups an admin must look at: a mismatch (Stripe took another amount or
 * currency: not credited), a credited one whose ledger credit or Stripe amount
 * does not match it, and ones left pending for over a day.
 */
export async function listTopUpsNeedingAttention(db: Db, now: Date) {
  const rows = (await db.execute(sql`
    select t.id, t.patient_id as "patientId", u.full_name as "patientName", t.amount_minor as "amountMinor", t.currency, t.status,
           t.received_amount_minor as "receivedAmountMinor", t.received_currency as "receivedCurrency",
           t.stripe_checkout_session_id as "sessionId", t.stripe_payment_intent_id as "paymentIntentId", t.created_at as "createdAt",
           (select sum(e.amount_minor) from ledger_transactions x join ledger_entries e on e.transaction_id = x.id
              join ledger_accounts a on a.id = e.account_id and a.kind = 'patient_wallet'
            where x.top_up_id = t.id and x.kind = 'top_up')::bigint as "creditedMinor"
    from wallet_top_ups t join users u on u.id = t.patient_id
    where t.status = 'mismatch'
       or (t.status = 'pending' and t.created_at < ${new Date(now.getTime() - 86_400_000).toISOString()})
       or (t.status = 'credited' and (t.received_amount_minor is distinct from t.amount_minor or t.received_currency is distinct from t.currency
            or coalesce((select sum(e.amount_minor) from ledger_transactions x join ledger_entries e on e.transaction_id = x.id
                join ledger_accounts a on a.id = e.account_id and a.kind = 'patient_wallet' where x.top_up_id = t.id and x.kind = 'top_up'), 0) <> t.amount_minor))
    order by t.created_at desc
    limit 200`)) as unknown as {
    id: string;
    patientId: string;
    patientName: string;
    amountMinor: number;
    currency: string;
    status: string;
    receivedAmountMinor: number | null;
    receivedCurrency: string | null;
    sessionId: string | null;
    paymentIntentId: string | null;
    createdAt: string | Date;
    creditedMinor: string | null;
  }[];
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt), creditedMinor: row.creditedMinor === null ? null : Number(row.creditedMinor) }));
}
