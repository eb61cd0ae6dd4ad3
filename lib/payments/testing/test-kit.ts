// Shared set-up for the payment integration tests: the test database, the
// fake Stripe server with the real SDK pointed at it, and builders for the
// states a payment goes through. Only tests import this.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments, refunds } from "@/db/schema";
import { bookAppointment, cancelAppointment } from "@/lib/booking/service";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, hoursBefore, localInstant, type DoctorOptions } from "@/tests/factories";
import { openCheckout } from "../checkout";
import { setStripeSetupForTests } from "../stripe-client";
import { handleStripeEvent } from "../webhook";
import { TEST_WEBHOOK_SECRET, fakeStripeClient, signedStripeEvent, startFakeStripe, type FakeStripe } from "./fake-stripe";

export const TUESDAY_10 = localInstant("2030-03-05", "10:00");

export interface PaymentTestContext {
  db: Db;
  fake: FakeStripe;
}

/** Registers the hooks; the returned object is filled in before the first test runs. */
export function setUpPaymentTests(): PaymentTestContext {
  const context = { db: useTestDb({ max: 5 }) } as PaymentTestContext;
  beforeAll(async () => {
    context.fake = await startFakeStripe();
    setStripeSetupForTests({ client: fakeStripeClient(context.fake), webhookSecret: TEST_WEBHOOK_SECRET });
  });
  afterAll(async () => {
    setStripeSetupForTests(undefined);
    await context.fake?.close();
  });
  return context;
}

/** A doctor (EUR 60 by default) and a patient, fresh for one test. */
export async function doctorAndPatient(db: Db, options: DoctorOptions = {}) {
  const doctor = await createDoctor(db, { fullName: "Dr. Payne", ...options });
  const patient = await createPatient(db);
  return { doctor, patient };
}

/** A booking held for payment with its Checkout Session opened, as after "Book appointment". */
export async function heldWithSession(db: Db, input: { doctorId: string; patientId: string; startsAt?: Date; now?: Date }) {
  const now = input.now ?? TEST_NOW;
  const appointment = await bookAppointment(
    db,
    { patientId: input.patientId, doctorId: input.doctorId, startsAt: input.startsAt ?? TUESDAY_10, reason: "Check-up" },
    now,
  );
  const checkout = await openCheckout(db, { appointmentId: appointment.id, patientId: input.patientId }, now);
  const payment = await paymentOf(db, appointment.id);
  return { appointment, sessionId: checkout.sessionId, url: checkout.url, payment };
}

export async function paymentOf(db: Db, appointmentId: string) {
  const [row] = await db.select().from(payments).where(eq(payments.appointmentId, appointmentId));
  return row;
}

export async function paymentsOf(db: Db, appointmentId: string) {
  return db.select().from(payments).where(eq(payments.appointmentId, appointmentId));
}

export async function refundsOf(db: Db, paymentId: string) {
  return db.select().from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(refunds.createdAt);
}

/** The Checkout Session object Stripe sends in checkout.session.* events. */
export function checkoutSession(input: { sessionId: string; appointmentId: string; paymentId?: string; amount?: number; paid?: boolean; intent?: string }) {
  return {
    id: input.sessionId,
    object: "checkout.session",
    status: input.paid === false ? "open" : "complete",
    payment_status: input.paid === false ? "unpaid" : "paid",
    amount_total: input.amount ?? 6000,
    currency: "eur",
    payment_intent: input.intent ?? `pi_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
    client_reference_id: input.appointmentId,
    metadata: { appointmentId: input.appointmentId, ...(input.paymentId ? { paymentId: input.paymentId } : {}) },
  };
}

/** Applies an event straight through the service (the route's signature check is tested on its own). */
export async function applyEvent(db: Db, type: string, object: Record<string, unknown>, now = new Date()) {
  const { event } = signedStripeEvent(type, object);
  return handleStripeEvent(db, event as never, now);
}

/** A held appointment that the webhook has confirmed as paid; returns its payment intent too. */
export async function paidAppointment(db: Db, input: { doctorId: string; patientId: string; startsAt?: Date; now?: Date }) {
  const held = await heldWithSession(db, input);
  const intent = `pi_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await applyEvent(
    db,
    "checkout.session.completed",
    checkoutSession({ sessionId: held.sessionId, appointmentId: held.appointment.id, paymentId: held.payment.id, intent }),
  );
  return { ...held, intent, payment: await paymentOf(db, held.appointment.id) };
}

/** A new doctor and patient, and a visit of theirs paid by card. */
export async function paidVisit(ctx: PaymentTestContext) {
  const { doctor, patient } = await doctorAndPatient(ctx.db);
  return { doctor, patient, ...(await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id })) };
}

/** A paid visit cancelled by the doctor while Stripe is down: its refund row stays pending, never sent. */
export async function visitWithPendingRefund(ctx: PaymentTestContext) {
  const visit = await paidVisit(ctx);
  ctx.fake.failNext("/v1/refunds", 1, 503);
  await cancelAppointment(
    ctx.db,
    { appointmentId: visit.appointment.id, actor: { id: visit.doctor.id, role: "doctor" }, reason: "Ill" },
    hoursBefore(TUESDAY_10, 3),
  );
  const [refund] = await refundsOf(ctx.db, visit.payment.id);
  return { ...visit, refund };
}

/** The refund requests Stripe received for one payment. */
export const refundRequestsFor = (ctx: PaymentTestContext, paymentId: string) =>
  ctx.fake.requestsTo("POST", "/v1/refunds").filter((request) => request.form["metadata[paymentId]"] === paymentId);

/** Runs `work` as an install without card payments, then puts the fake Stripe back. */
export async function withoutStripe<T>(ctx: PaymentTestContext, work: () => Promise<T>): Promise<T> {
  setStripeSetupForTests(null);
  try {
    return await work();
  } finally {
    setStripeSetupForTests({ client: fakeStripeClient(ctx.fake), webhookSecret: TEST_WEBHOOK_SECRET });
  }
}
