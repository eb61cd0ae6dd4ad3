import "server-only";
import { and, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { appointments, payments, refunds, stripeEvents } from "../schema";

export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;


// ---------------------------------------------------------------- writes

export async function insertPayment(db: Db, values: typeof payments.$inferInsert): Promise<Payment> {
  const [row] = await db.insert(payments).values(values).returning();
  return row;
}

/** The newest payment of an appointment, locked until the transaction ends. */
export async function lockPaymentOfAppointment(db: Db, appointmentId: string): Promise<Payment | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.appointmentId, appointmentId)).orderBy(desc(payments.createdAt)).limit(1).for("update");
  return row;
}

export async function lockPayment(db: Db, paymentId: string): Promise<Payment | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  return row;
}

/** The payment a Checkout Session pays for: by its session id, else the appointment's Stripe payment (the id may not be stored yet). */
export async function findPaymentForCheckoutSession(db: Db, input: { sessionId: string; appointmentId?: string }): Promise<Payment | undefined> {
  const [bySession] = await db.select().from(payments).where(eq(payments.stripeCheckoutSessionId, input.sessionId));
  if (bySession || !input.appointmentId || !/^[0-9a-f-]{36}$/i.test(input.appointmentId)) return bySession;
  const [byAppointment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.appointmentId, input.appointmentId), eq(payments.provider, "stripe"), isNull(payments.stripeCheckoutSessionId)))
    .orderBy(desc(payments.createdAt))
    .limit(1);
  return byAppointment;
}

export async function lockPaymentByIntent(db: Db, paymentIntentId: string): Promise<Payment | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.stripePaymentIntentId, paymentIntentId)).for("update");
  return row;
}

export async function updatePayment(db: Db, paymentId: string, values: Partial<typeof payments.$inferInsert>): Promise<Payment> {
  const [row] = await db.update(payments).set(values).where(eq(payments.id, paymentId)).returning();
  return row;
}

/** Stores the session on a payment still waiting for it; false when the payment moved on meanwhile (released, replaced). */
export async function recordCheckoutSession(db: Db, paymentId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .update(payments)
    .set({ stripeCheckoutSessionId: sessionId })
    .where(and(eq(payments.id, paymentId), eq(payments.status, "requires_payment"), or(isNull(payments.stripeCheckoutSessionId), eq(payments.stripeCheckoutSessionId, sessionId))))
    .returning({ id: payments.id });
  return rows.length > 0;
}

/**
 * Marks as expired the payments of the holds `cancelLapsedHolds` is about to
 * cancel (same selection), returning their Checkout Sessions so they can be
 * closed at Stripe once the transaction has committed.
 */
export async function expirePaymentsOfLapsedHolds(db: Db, input: { doctorId: string; patientId: string; now: Date }): Promise<string[]> {
  const rows = await db
    .update(payments)
    .set({ status: "expired" })
    .from(appointments)
    .where(
      and(
        eq(payments.appointmentId, appointments.id),
        eq(payments.status, "requires_payment"),
        eq(appointments.status, "pending_payment"),
        lte(appointments.holdExpiresAt, input.now),
        or(eq(appointments.doctorId, input.doctorId), eq(appointments.patientId, input.patientId)),
      ),
    )
    .returning({ sessionId: payments.stripeCheckoutSessionId });
  return rows.flatMap((row) => (row.sessionId ? [row.sessionId] : []));
}

/** The patient's own unpaid holds, still running, that overlap [startsAt, endsAt). */
export function listActiveHoldsOfPatient(db: Db, input: { patientId: string; startsAt: Date; endsAt: Date; now: Date }) {
  return db
    .select({ id: appointments.id, status: appointments.status })
    .from(appointments)
    .where(
      and(
        eq(appointments.patientId, input.patientId),
        eq(appointments.status, "pending_payment"),
        gt(appointments.holdExpiresAt, input.now),
        lt(appointments.startsAt, input.endsAt),
        gt(appointments.endsAt, input.startsAt),
      ),
    );
}

/** Every hold whose time ran out, any doctor: for eager release by a background job. */
export function listLapsedHolds(db: Db, input: { now: Date; doctorId?: string }, limit = 100) {
  return db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.status, "pending_payment"), lte(appointments.holdExpiresAt, input.now), input.doctorId ? eq(appointments.doctorId, input.doctorId) : undefined))
    .orderBy(appointments.holdExpiresAt)
    .limit(limit);
}

/** A reschedule moves the money with the visit. */
export async function movePaymentsToAppointment(db: Db, fromAppointmentId: string, toAppointmentId: string): Promise<void> {
  await db.update(payments).set({ appointmentId: toAppointmentId }).where(eq(payments.appointmentId, fromAppointmentId));
}

/** Whether another active appointment (of the doctor or the patient) overlaps this time: the re-claim check for a late payment. */
export async function hasOverlappingActiveAppointment(db: Db, input: { appointmentId: string; doctorId: string; patientId: string; startsAt: Date; endsAt: Date; now: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        ne(appointments.id, input.appointmentId),
        ne(appointments.status, "cancelled"),
        or(eq(appointments.doctorId, input.doctorId), eq(appointments.patientId, input.patientId)),
        lt(appointments.startsAt, input.endsAt),
        gt(appointments.endsAt, input.startsAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

// ---------------------------------------------------------------- refunds

export async function insertRefund(db: Db, values: typeof refunds.$inferInsert): Promise<Refund> {
  const [row] = await db.insert(refunds).values(values).returning();
  return row;
}

export async function getRefund(db: Db, refundId: string): Promise<Refund | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  return row;
}

export async function findRefundForStripe(db: Db, input: { stripeRefundId: string; refundId?: string }): Promise<Refund | undefined> {
  const match = input.refundId && /^[0-9a-f-]{36}$/i.test(input.refundId) ? or(eq(refunds.stripeRefundId, input.stripeRefundId), eq(refunds.id, input.refundId)) : eq(refunds.stripeRefundId, input.stripeRefundId);
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
    .where(and(eq(refunds.id, refundId), eq(refunds.status, "pending"), isNull(refunds.stripeRefundId), unclaimed(sql`now() - make_interval(secs => ${leaseMs / 1000}::float8)`)))
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
  const [row] = await db.select({ stripePaymentIntentId: payments.stripePaymentIntentId, appointmentId: payments.appointmentId }).from(payments).where(eq(payments.id, paymentId));
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
    .where(and(eq(refunds.status, "pending"), isNull(refunds.stripeRefundId), lte(refunds.createdAt, input.createdBefore), unclaimed(new Date(input.now.getTime() - input.leaseMs))))
    .orderBy(refunds.createdAt)
    .limit(limit);
}

// ---------------------------------------------------------------- webhook bookkeeping

/** Claims a Stripe event id in the caller's transaction; false when it was processed already. */
export async function claimStripeEvent(db: Db, event: { id: string; type: string }): Promise<boolean> {
  const rows = await db.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/** Puts a released hold back (compare-and-set): a late payment whose time is still free keeps its visit. */
export async function reinstateReleasedHold(db: Db, appointmentId: string): Promise<boolean> {
  const rows = await db
    .update(appointments)
    .set({ status: "confirmed", cancellationReason: null, cancelledBy: null, cancelledAt: null })
    .where(and(eq(appointments.id, appointmentId), eq(appointments.status, "cancelled"), eq(appointments.cancelledBy, "system")))
    .returning({ id: appointments.id });
  return rows.length > 0;
}
