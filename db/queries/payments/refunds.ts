import "server-only";
import { and, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../client";
import { payments, refunds } from "../../schema";
import type { Payment } from "./writes";

export type Refund = typeof refunds.$inferSelect;

export async function insertRefund(db: Db, values: typeof refunds.$inferInsert): Promise<Refund> {
  const [row] = await db.insert(refunds).values(values).returning();
  return row;
}

export async function getRefund(db: Db, refundId: string): Promise<Refund | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  return row;
}

export async function findRefundForStripe(db: Db, input: { stripeRefundId: string; refundId?: string }): Promise<Refund | undefined> {
  const match =
    input.refundId && /^[0-9a-f-]{36}$/i.test(input.refundId)
      ? or(eq(refunds.stripeRefundId, input.stripeRefundId), eq(refunds.id, input.refundId))
      : eq(refunds.stripeRefundId, input.stripeRefundId);
  const [row] = await db.select().from(refunds).where(match).limit(1).for("update");
  return row;
}

export async function updateRefund(db: Db, refundId: string, values: Partial<typeof refunds.$inferInsert>): Promise<Refund> {
  const [row] = await db.update(refunds).set(values).where(eq(refunds.id, refundId)).returning();
  return row;
}

/** Takes Stripe's answer only while the refund is still pending: a webhook may have recorded the outcome first. */
export async function updatePendingRefund(db: Db, refundId: string, values: Partial<typeof refunds.$inferInsert>): Promise<Refund | undefined> {
  const [row] = await db
    .update(refunds)
    .set(values)
    .where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")))
    .returning();
  return row;
}

/** Nobody is sending it: never claimed, or claimed before `lapsedBefore` by a sender that must have died. */
const unclaimed = (lapsedBefore: SQL | Date) => or(isNull(refunds.sendClaimedAt), lt(refunds.sendClaimedAt, lapsedBefore));

/**
 * Claims a pending, unsent refund for one sender: a single statement, so the
 * claim is committed (and seen by every other sender) before Stripe is
 * called. Undefined when it is not pending any more or another sender holds it.
 * The database's clock stamps and ages the claims, so servers never disagree.
 */
export async function claimRefundSend(db: Db, refundId: string, leaseMs: number): Promise<Refund | undefined> {
  const [row] = await db
    .update(refunds)
    // To the millisecond, as JavaScript reads it back: releaseRefundSend matches the claim by this value.
    .set({ sendClaimedAt: sql`date_trunc('milliseconds', now())` })
    .where(
      and(
        eq(refunds.id, refundId),
        eq(refunds.status, "pending"),
        isNull(refunds.stripeRefundId),
        unclaimed(sql`now() - make_interval(secs => ${leaseMs / 1000}::float8)`),
      ),
    )
    .returning();
  return row;
}

/** Gives up a claim (Stripe did not answer), so the next sender may try at once; a claim taken over meanwhile is left alone. */
export async function releaseRefundSend(db: Db, claimed: Refund): Promise<void> {
  if (!claimed.sendClaimedAt) return;
  await db
    .update(refunds)
    .set({ sendClaimedAt: null })
    .where(and(eq(refunds.id, claimed.id), eq(refunds.sendClaimedAt, claimed.sendClaimedAt)));
}

/** What a refund is sent against at Stripe. */
export async function getRefundTarget(db: Db, paymentId: string): Promise<{ stripePaymentIntentId: string | null; appointmentId: string } | undefined> {
  const [row] = await db
    .select({ stripePaymentIntentId: payments.stripePaymentIntentId, appointmentId: payments.appointmentId })
    .from(payments)
    .where(eq(payments.id, paymentId));
  return row;
}

/** Refunded or on its way: what can no longer be refunded again. */
export async function committedRefundTotal(db: Db, paymentId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${refunds.amountMinor}), 0)` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), inArray(refunds.status, ["pending", "succeeded"])));
  return Number(row.total);
}

/** Sets refunded_minor to the succeeded refunds and the status to match (paid / partially / fully refunded). */
export async function syncRefundedAmount(db: Db, paymentId: string): Promise<Payment | undefined> {
  const [row] = await db
    .update(payments)
    .set({
      refundedMinor: sql`least(${payments.amountMinor}, (select coalesce(sum(r.amount_minor), 0) from refunds r where r.payment_id = ${payments.id} and r.status = 'succeeded'))`,
      status: sql`case
        when (select coalesce(sum(r.amount_minor), 0) from refunds r where r.payment_id = ${payments.id} and r.status = 'succeeded') >= ${payments.amountMinor} then 'refunded'
        when (select coalesce(sum(r.amount_minor), 0) from refunds r where r.payment_id = ${payments.id} and r.status = 'succeeded') > 0 then 'partially_refunded'
        else 'paid' end::payment_status`,
    })
    .where(and(eq(payments.id, paymentId), inArray(payments.status, ["paid", "partially_refunded", "refunded"])))
    .returning();
  return row;
}

export function listRefundsOfPayments(db: Db, paymentIds: string[]) {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return db.select().from(refunds).where(inArray(refunds.paymentId, paymentIds)).orderBy(refunds.createdAt);
}

/** Refunds recorded but never sent to Stripe (an outage, a sender that died), nobody sending them now: for the sweep. */
export function listUnsentRefunds(db: Db, input: { createdBefore: Date; now: Date; leaseMs: number }, limit = 50) {
  return db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.status, "pending"),
        isNull(refunds.stripeRefundId),
        lte(refunds.createdAt, input.createdBefore),
        unclaimed(new Date(input.now.getTime() - input.leaseMs)),
      ),
    )
    .orderBy(refunds.createdAt)
    .limit(limit);
}

/** Refunds of a payment recorded but not yet sent to Stripe. */
export function listUnsentRefundsOfPayment(db: Db, paymentId: string) {
  return db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, "pending"), isNull(refunds.stripeRefundId)));
}

/** A refund noticed on the charge before its own event arrived (no Stripe id yet) with this amount. */
export async function findUnmatchedOutsideRefund(db: Db, paymentId: string, amountMinor: number): Promise<Refund | undefined> {
  const [row] = await db
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.paymentId, paymentId),
        eq(refunds.kind, "outside_stripe"),
        isNull(refunds.stripeRefundId),
        eq(refunds.amountMinor, amountMinor),
        eq(refunds.status, "succeeded"),
      ),
    )
    .limit(1)
    .for("update");
  return row;
}
