import "server-only";
import { and, desc, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../../client";
import { appointments, payments, stripeEvents } from "../../schema";

export type Payment = typeof payments.$inferSelect;

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
    .where(
      and(
        eq(payments.id, paymentId),
        eq(payments.status, "requires_payment"),
        or(isNull(payments.stripeCheckoutSessionId), eq(payments.stripeCheckoutSessionId, sessionId)),
      ),
    )
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

/** A reschedule moves the money with the visit. */
export async function movePaymentsToAppointment(db: Db, fromAppointmentId: string, toAppointmentId: string): Promise<void> {
  await db.update(payments).set({ appointmentId: toAppointmentId }).where(eq(payments.appointmentId, fromAppointmentId));
}

// ---------------------------------------------------------------- webhook bookkeeping

/** Claims a Stripe event id in the caller's transaction; false when it was processed already. */
export async function claimStripeEvent(db: Db, event: { id: string; type: string }): Promise<boolean> {
  const rows = await db.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
  return rows.length > 0;
}
