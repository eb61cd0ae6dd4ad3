import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, type LedgerAccountKind, type LedgerTransactionKind } from "../schema";

// The wallet ledger's reads and its two writes (a transaction row, its
// entries). The rules live in PostgreSQL (migration 0020_wallet_ledger.sql);
// lib/wallet/ledger.ts is the one place that posts.

export type LedgerTransactionInsert = typeof ledgerTransactions.$inferInsert;

/** The account's id, made on first use (every account starts at zero). */
export async function ensureLedgerAccount(db: Db, account: { kind: LedgerAccountKind; ownerId: string | null; currency: string }): Promise<string> {
  const [made] = await db
    .insert(ledgerAccounts)
    .values({ ...account, balanceMinor: 0 })
    .onConflictDoNothing({ target: [ledgerAccounts.kind, ledgerAccounts.ownerId, ledgerAccounts.currency] })
    .returning({ id: ledgerAccounts.id });
  if (made) return made.id;
  const ownerMatches = account.ownerId === null ? sql`${ledgerAccounts.ownerId} is null` : eq(ledgerAccounts.ownerId, account.ownerId);
  const [found] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, account.kind), ownerMatches, eq(ledgerAccounts.currency, account.currency)));
  return found!.id;
}

/** The new transaction's id, or null when its idempotency key was posted before (a replay). */
export async function insertLedgerTransaction(db: Db, values: LedgerTransactionInsert): Promise<string | null> {
  const [row] = await db
    .insert(ledgerTransactions)
    .values(values)
    .onConflictDoNothing({ target: ledgerTransactions.idempotencyKey })
    .returning({ id: ledgerTransactions.id });
  return row?.id ?? null;
}

export async function findLedgerTransactionByKey(db: Db, idempotencyKey: string) {
  const [row] = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, idempotencyKey));
  return row;
}

export async function insertLedgerEntries(db: Db, entries: { transactionId: string; accountId: string; amountMinor: number; currency: string }[]) {
  await db.insert(ledgerEntries).values(entries);
}

/** A patient's balance in each currency they have a wallet in. */
export function walletBalances(db: Db, patientId: string) {
  return db
    .select({ currency: ledgerAccounts.currency, balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, "patient_wallet"), eq(ledgerAccounts.ownerId, patientId)))
    .orderBy(asc(ledgerAccounts.currency));
}

/**
 * One page of the patient's wallet movements, newest first, each with its
 * amount on their wallet and the wallet's balance just after it (a window sum
 * over the wallet's own entries, so it is exact however the page is cut), and
 * how many there are.
 */
export async function walletHistory(db: Db, patientId: string, paging: { limit: number; offset?: number } = { limit: 100 }) {
  const rows = (await db.execute(sql`
    with mine as (
      select t.id, t.kind, t.reason, t.appointment_id, t.payment_id, t.top_up_id, t.withdrawal_id, t.created_at, e.amount_minor, e.currency,
             sum(e.amount_minor) over (partition by e.currency order by t.created_at, t.id rows unbounded preceding) as balance_after,
             count(*) over () as total
      from ledger_transactions t
      join ledger_entries e on e.transaction_id = t.id
      join ledger_accounts a on a.id = e.account_id and a.kind = 'patient_wallet' and a.owner_id = ${patientId}
      where t.patient_id = ${patientId}
    )
    select id, kind, reason, appointment_id as "appointmentId", payment_id as "paymentId", top_up_id as "topUpId", withdrawal_id as "withdrawalId",
           created_at as "createdAt", amount_minor::bigint as "amountMinor", currency, balance_after::bigint as "balanceAfterMinor", total::int as total,
           -- A visit paid from the wallet: its payment row carries the receipt.
           case when kind = 'visit_payment' then (select p.id from payments p where p.appointment_id = mine.appointment_id and p.provider = 'wallet' limit 1) end
             as "walletPaymentId",
           (select w.status from wallet_withdrawals w where w.id = mine.withdrawal_id) as "withdrawalStatus"
    from mine
    order by created_at desc, id desc
    limit ${paging.limit} offset ${paging.offset ?? 0}`)) as unknown as {
    id: string;
    kind: LedgerTransactionKind;
    reason: string | null;
    appointmentId: string | null;
    paymentId: string | null;
    topUpId: string | null;
    withdrawalId: string | null;
    walletPaymentId: string | null;
    withdrawalStatus: "pending" | "settled" | null;
    createdAt: string | Date;
    amountMinor: string | number;
    currency: string;
    balanceAfterMinor: string | number;
    total: number;
  }[];
  return rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    amountMinor: Number(row.amountMinor),
    balanceAfterMinor: Number(row.balanceAfterMinor),
  }));
}

/**
 * Reconciliation per currency: the sum of every entry (zero by double entry),
 * the sum of every account's balance (zero too: balances are entries summed),
 * and what patients hold.
 */
export async function ledgerTotals(db: Db) {
  const rows = (await db.execute(sql`
    select a.currency,
           coalesce((select sum(e.amount_minor) from ledger_entries e where e.currency = a.currency), 0)::bigint as "entriesSum",
           sum(a.balance_minor)::bigint as "balancesSum",
           coalesce(sum(a.balance_minor) filter (where a.kind = 'patient_wallet'), 0)::bigint as "heldByPatients"
    from ledger_accounts a
    group by a.currency
    order by a.currency`)) as unknown as { currency: string; entriesSum: string; balancesSum: string; heldByPatients: string }[];
  return rows.map((row) => ({
    currency: row.currency,
    entriesSum: Number(row.entriesSum),
    balancesSum: Number(row.balancesSum),
    heldByPatients: Number(row.heldByPatients),
  }));
}
