import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, type LedgerAccountKind } from "../schema";

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

/** The patient's wallet movements, newest first, each with its amount on their wallet. */
export function walletHistory(db: Db, patientId: string, limit = 100) {
  return db
    .select({
      id: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      reason: ledgerTransactions.reason,
      appointmentId: ledgerTransactions.appointmentId,
      paymentId: ledgerTransactions.paymentId,
      createdAt: ledgerTransactions.createdAt,
      amountMinor: ledgerEntries.amountMinor,
      currency: ledgerEntries.currency,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerTransactions.patientId, patientId), eq(ledgerAccounts.kind, "patient_wallet")))
    .orderBy(desc(ledgerTransactions.createdAt), desc(ledgerTransactions.id))
    .limit(limit);
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
