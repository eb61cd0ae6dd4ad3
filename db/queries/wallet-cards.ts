import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { walletTopUps, walletWithdrawalRefunds, walletWithdrawals, type WalletTopUp, type WalletWithdrawalRefund } from "../schema";

// Top-ups (money in by Stripe Checkout) and withdrawals (money out by refunding
// them), the card side of the wallet. The ledger itself is db/queries/ledger.ts.

const isUuid = (value: string | undefined): value is string => !!value && /^[0-9a-f-]{36}$/i.test(value);

/** A new top-up under the form's own id; undefined when that id was used before (a resent form). */
export async function insertTopUp(db: Db, values: typeof walletTopUps.$inferInsert): Promise<WalletTopUp | undefined> {
  const [row] = await db.insert(walletTopUps).values(values).onConflictDoNothing({ target: walletTopUps.id }).returning();
  return row;
}

export async function getTopUp(db: Db, id: string): Promise<WalletTopUp | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(walletTopUps).where(eq(walletTopUps.id, id));
  return row;
}

/** Records the Checkout Session once, on a top-up still waiting for one. */
export async function recordTopUpSession(db: Db, id: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .update(walletTopUps)
    .set({ stripeCheckoutSessionId: sessionId })
    .where(and(eq(walletTopUps.id, id), eq(walletTopUps.status, "pending"), isNull(walletTopUps.stripeCheckoutSessionId)))
    .returning({ id: walletTopUps.id });
  return rows.length === 1;
}

/** The top-up a Checkout Session belongs to, locked: by its session id, or the top-up id we sent as metadata. */
export async function lockTopUpOfSession(tx: Db, input: { sessionId: string; topUpId?: string }): Promise<WalletTopUp | undefined> {
  const match = isUuid(input.topUpId)
    ? or(eq(walletTopUps.stripeCheckoutSessionId, input.sessionId), eq(walletTopUps.id, input.topUpId))
    : eq(walletTopUps.stripeCheckoutSessionId, input.sessionId);
  const [row] = await tx.select().from(walletTopUps).where(match).limit(1).for("update");
  return row;
}

export async function updateTopUp(tx: Db, id: string, values: Partial<typeof walletTopUps.$inferInsert>): Promise<WalletTopUp> {
  const [row] = await tx.update(walletTopUps).set(values).where(eq(walletTopUps.id, id)).returning();
  return row;
}

/** A withdrawal's refund takes part of a top-up (positive) or gives it back when it failed (negative); the CHECK keeps it within the amount. */
export async function shiftTopUpRefunded(tx: Db, id: string, deltaMinor: number): Promise<void> {
  await tx
    .update(walletTopUps)
    .set({ refundedMinor: sql`${walletTopUps.refundedMinor} + ${deltaMinor}` })
    .where(eq(walletTopUps.id, id));
}

/** The patient's credited top-ups in a currency with something left to refund, newest first, locked (withdrawals queue here). */
export function lockRefundableTopUps(tx: Db, patientId: string, currency: string) {
  return tx
    .select()
    .from(walletTopUps)
    .where(
      and(
        eq(walletTopUps.patientId, patientId),
        eq(walletTopUps.currency, currency),
        eq(walletTopUps.status, "credited"),
        gt(walletTopUps.amountMinor, walletTopUps.refundedMinor),
      ),
    )
    .orderBy(desc(walletTopUps.creditedAt), desc(walletTopUps.id))
    .for("update");
}

/** What earlier top-ups can still refund to cards, per currency. */
export async function refundableByCurrency(db: Db, patientId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ currency: walletTopUps.currency, minor: sql<string>`sum(${walletTopUps.amountMinor} - ${walletTopUps.refundedMinor})` })
    .from(walletTopUps)
    .where(and(eq(walletTopUps.patientId, patientId), eq(walletTopUps.status, "credited")))
    .groupBy(walletTopUps.currency);
  return new Map(rows.map((row) => [row.currency, Number(row.minor)]));
}

export async function insertWithdrawal(db: Db, values: typeof walletWithdrawals.$inferInsert) {
  const [row] = await db.insert(walletWithdrawals).values(values).onConflictDoNothing({ target: walletWithdrawals.id }).returning();
  return row;
}

export async function getWithdrawal(db: Db, id: string) {
  const [row] = await db.select().from(walletWithdrawals).where(eq(walletWithdrawals.id, id));
  return row;
}

export async function lockWithdrawal(tx: Db, id: string) {
  const [row] = await tx.select().from(walletWithdrawals).where(eq(walletWithdrawals.id, id)).for("update");
  return row;
}

export async function settleWithdrawal(tx: Db, id: string, now: Date) {
  await tx.update(walletWithdrawals).set({ status: "settled", settledAt: now }).where(eq(walletWithdrawals.id, id));
}

export async function insertWithdrawalRefunds(tx: Db, values: (typeof walletWithdrawalRefunds.$inferInsert)[]): Promise<WalletWithdrawalRefund[]> {
  return values.length ? tx.insert(walletWithdrawalRefunds).values(values).returning() : [];
}

export function listRefundsOfWithdrawal(db: Db, withdrawalId: string) {
  return db
    .select()
    .from(walletWithdrawalRefunds)
    .where(eq(walletWithdrawalRefunds.withdrawalId, withdrawalId))
    .orderBy(asc(walletWithdrawalRefunds.createdAt));
}

/** The withdrawal refund a Stripe refund is about: by its Stripe id, or our row id sent as metadata (not locked: lock its withdrawal first). */
export async function findWithdrawalRefundForStripe(db: Db, input: { stripeRefundId: string; refundId?: string }) {
  const match = isUuid(input.refundId)
    ? or(eq(walletWithdrawalRefunds.stripeRefundId, input.stripeRefundId), eq(walletWithdrawalRefunds.id, input.refundId))
    : eq(walletWithdrawalRefunds.stripeRefundId, input.stripeRefundId);
  const [row] = await db.select().from(walletWithdrawalRefunds).where(match).limit(1);
  return row;
}

export async function getWithdrawalRefund(db: Db, id: string) {
  const [row] = await db.select().from(walletWithdrawalRefunds).where(eq(walletWithdrawalRefunds.id, id));
  return row;
}

export async function lockWithdrawalRefund(tx: Db, id: string) {
  const [row] = await tx.select().from(walletWithdrawalRefunds).where(eq(walletWithdrawalRefunds.id, id)).for("update");
  return row;
}

export async function updateWithdrawalRefund(tx: Db, id: string, values: Partial<typeof walletWithdrawalRefunds.$inferInsert>) {
  const [row] = await tx.update(walletWithdrawalRefunds).set(values).where(eq(walletWithdrawalRefunds.id, id)).returning();
  return row;
}

const unclaimed = (lapsedBefore: SQL) => or(isNull(walletWithdrawalRefunds.sendClaimedAt), lt(walletWithdrawalRefunds.sendClaimedAt, lapsedBefore));
const lease = (leaseMs: number) => sql`now() - make_interval(secs => ${leaseMs / 1000}::float8)`;

/** Claims a pending, unsent refund for one sender, committed before Stripe is called (as db/queries/payments claimRefundSend). */
export async function claimWithdrawalRefundSend(db: Db, id: string, leaseMs: number) {
  const [row] = await db
    .update(walletWithdrawalRefunds)
    .set({ sendClaimedAt: sql`date_trunc('milliseconds', now())` })
    .where(
      and(
        eq(walletWithdrawalRefunds.id, id),
        eq(walletWithdrawalRefunds.status, "pending"),
        isNull(walletWithdrawalRefunds.stripeRefundId),
        unclaimed(lease(leaseMs)),
      ),
    )
    .returning();
  return row;
}

export async function releaseWithdrawalRefundSend(db: Db, claimed: WalletWithdrawalRefund): Promise<void> {
  if (!claimed.sendClaimedAt) return;
  await db
    .update(walletWithdrawalRefunds)
    .set({ sendClaimedAt: null })
    .where(and(eq(walletWithdrawalRefunds.id, claimed.id), eq(walletWithdrawalRefunds.sendClaimedAt, claimed.sendClaimedAt)));
}

/** Refunds recorded at least a minute ago that never reached Stripe and nobody is sending. */
export function listUnsentWithdrawalRefunds(db: Db, input: { createdBefore: Date; leaseMs: number }) {
  return db
    .select({ id: walletWithdrawalRefunds.id })
    .from(walletWithdrawalRefunds)
    .where(
      and(
        eq(walletWithdrawalRefunds.status, "pending"),
        isNull(walletWithdrawalRefunds.stripeRefundId),
        lt(walletWithdrawalRefunds.createdAt, input.createdBefore),
        unclaimed(lease(input.leaseMs)),
      ),
    )
    .limit(100);
}

export async function countPendingRefunds(tx: Db, withdrawalId: string): Promise<number> {
  return tx.$count(walletWithdrawalRefunds, and(eq(walletWithdrawalRefunds.withdrawalId, withdrawalId), eq(walletWithdrawalRefunds.status, "pending")));
}

/** A withdrawal's refunds by final state: what reached the card, what came back to the wallet. */
export async function withdrawalOutcome(db: Db, withdrawalId: string): Promise<{ settledMinor: number; returnedMinor: number; pendingMinor: number }> {
  const rows = await listRefundsOfWithdrawal(db, withdrawalId);
  const sum = (status: WalletWithdrawalRefund["status"]) => rows.filter((row) => row.status === status).reduce((total, row) => total + row.amountMinor, 0);
  return { settledMinor: sum("succeeded"), returnedMinor: sum("failed"), pendingMinor: sum("pending") };
}

export function topUpsByIds(db: Db, ids: string[]) {
  return ids.length ? db.select().from(walletTopUps).where(inArray(walletTopUps.id, ids)) : Promise.resolve([] as WalletTopUp[]);
}
