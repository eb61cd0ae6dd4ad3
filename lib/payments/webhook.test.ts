import { describe, expect, it } from "vitest";
import { and, eq, ne, sql } from "drizzle-orm";
import { POST } from "@/app/api/webhooks/stripe/route";
import { appointmentEvents, appointments, auditLog, emails, outboxEvents, stripeEvents } from "@/db/schema";
import { sendLatePaymentRefundNotice } from "@/inngest/functions/send-late-payment-refund-notice";
import { runFromOutbox } from "@/inngest/testing/outbox";
import { bookAppointment, cancelAppointment } from "@/lib/booking/service";
import { TEST_NOW, auditRowsFor, createPatient, getAppointment, hoursBefore } from "@/tests/factories";
import { HOLD_RELEASE_REASON, PAYMENT_FAILED_REASON, releaseLapsedHolds } from "./holds";
import { LATE_PAYMENT_REFUND_REASON } from "./policy";
import { signedStripeEvent } from "./testing/fake-stripe";
import {
  TUESDAY_10,
  checkoutSession,
  doctorAndPatient,
  heldWithSession,
  paidAppointment,
  paymentOf,
  paymentsOf,
  refundsOf,
  setUpPaymentTests,
} from "./testing/test-kit";

const ctx = setUpPaymentTests();
const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);

function post(payload: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["stripe-signature"] = signature;
  return POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: payload, headers }));
}

/** Signs and delivers one event to the route handler, as Stripe would. */
async function deliver(type: string, object: Record<string, unknown>) {
  const signed = signedStripeEvent(type, object);
  const response = await post(signed.payload, signed.header);
  return { response, body: await response.json(), event: signed.event, signed };
}

async function held() {
  const { doctor, patient } = await doctorAndPatient(ctx.db);
  return { doctor, patient, ...(await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id })) };
}

const completedFor = (h: Awaited<ReturnType<typeof held>>, intent?: string) =>
  checkoutSession({ sessionId: h.sessionId, appointmentId: h.appointment.id, paymentId: h.payment.id, intent });

async function storedEvent(id: string) {
  return ctx.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
}

async function confirmations(appointmentId: string) {
  return ctx.db
    .select()
    .from(appointmentEvents)
    .where(and(eq(appointmentEvents.appointmentId, appointmentId), eq(appointmentEvents.toStatus, "confirmed")));
}

const refundAudit = (refundId: string) => auditRowsFor(ctx.db, "refund", refundId);
const refundRequestsFor = (paymentId: string) => ctx.fake.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[paymentId]"] === paymentId);

describe("POST /api/webhooks/stripe", () => {
  it("a valid checkout.session.completed confirms the appointment and records the payment", async () => {
    const h = await held();
    const { response, body, event } = await deliver("checkout.session.completed", completedFor(h, "pi_valid_1"));

    expect(response.status).toBe(200);
    expect(body).toEqual({ received: true, result: "processed" });
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "confirmed" });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({
      status: "paid",
      amountMinor: 6000,
      stripeCheckoutSessionId: h.sessionId,
      stripePaymentIntentId: "pi_valid_1",
    });
    expect((await paymentOf(ctx.db, h.appointment.id)).paidAt).toBeInstanceOf(Date);
    expect(await storedEvent(event.id)).toHaveLength(1);
    const outbox = await ctx.db
      .select({ name: outboxEvents.name })
      .from(outboxEvents)
      .where(sql`${outboxEvents.payload}->>'appointmentId' = ${h.appointment.id}`);
    expect(outbox.map((row) => row.name).sort()).toEqual(["appointment/booked", "appointment/confirmed", "payment/paid"]);
  });

  it("a tampered body is refused with 400 and changes nothing", async () => {
    const h = await held();
    const signed = signedStripeEvent("checkout.session.completed", completedFor(h));
    const tampered = signed.payload.replace('"amount_total":6000', '"amount_total":1');
    expect(tampered).not.toBe(signed.payload);

    const response = await post(tampered, signed.header);
    expect(response.status).toBe(400);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "pending_payment" });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "requires_payment", paidAt: null });
    expect(await storedEvent(signed.event.id)).toHaveLength(0);
  });

  it("a missing signature, or one made with another secret, is refused with 400", async () => {
    const h = await held();
    const signed = signedStripeEvent("checkout.session.completed", completedFor(h));
    expect((await post(signed.payload)).status).toBe(400);
    const forged = signedStripeEvent("checkout.session.completed", completedFor(h), { secret: "whsec_someone_else" });
    expect((await post(forged.payload, forged.header)).status).toBe(400);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "pending_payment" });
  });

  it("the same event delivered 10 times at once makes one state change and one payment row", async () => {
    const h = await held();
    const signed = signedStripeEvent("checkout.session.completed", completedFor(h));
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(signed.payload, signed.header)));
    const results = await Promise.all(responses.map((r) => r.json()));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(results.filter((r) => r.result === "processed")).toHaveLength(1);
    expect(results.filter((r) => r.result === "duplicate")).toHaveLength(9);
    expect(await confirmations(h.appointment.id)).toHaveLength(1);
    expect(await paymentsOf(ctx.db, h.appointment.id)).toHaveLength(1);
    expect(await storedEvent(signed.event.id)).toHaveLength(1);
    const paidAudits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, h.payment.id), eq(auditLog.action, "payment.received")));
    expect(paidAudits).toHaveLength(1);
  });

  it("completed, then a late expired: the appointment stays confirmed and paid", async () => {
    const h = await held();
    await deliver("checkout.session.completed", completedFor(h));
    const { response } = await deliver("checkout.session.expired", { ...completedFor(h), status: "expired", payment_status: "unpaid" });
    expect(response.status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "confirmed" });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "paid" });
  });

  it("expired releases the hold: cancelled by the system, payment not completed, slot free again", async () => {
    const h = await held();
    const { response } = await deliver("checkout.session.expired", { ...completedFor(h), status: "expired", payment_status: "unpaid", payment_intent: null });
    expect(response.status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: "system",
      cancellationReason: HOLD_RELEASE_REASON,
    });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "expired" });
    const other = await createPatient(ctx.db);
    const rebooked = await bookAppointment(
      ctx.db,
      { patientId: other.id, doctorId: h.doctor.id, startsAt: h.appointment.startsAt, reason: "" },
      minutesAfter(TEST_NOW, 1),
    );
    expect(rebooked.status).toBe("pending_payment");
  });

  it("an asynchronous payment that fails releases the hold with the payment marked failed", async () => {
    const h = await held();
    await deliver("checkout.session.completed", { ...completedFor(h), payment_status: "unpaid" });
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "pending_payment" });
    await deliver("checkout.session.async_payment_failed", { ...completedFor(h), payment_status: "unpaid" });
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "cancelled", cancellationReason: PAYMENT_FAILED_REASON });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "failed" });
  });

  it("a payment completing after the hold was released and the slot re-booked is refunded exactly once, with no overlap, and the patient is told", async () => {
    const h = await held();
    const next = await createPatient(ctx.db);
    const rebooked = await bookAppointment(
      ctx.db,
      { patientId: next.id, doctorId: h.doctor.id, startsAt: h.appointment.startsAt, reason: "" },
      minutesAfter(TEST_NOW, 31),
    );
    const signed = signedStripeEvent("checkout.session.completed", completedFor(h, "pi_late_1"));
    const responses = await Promise.all(Array.from({ length: 3 }, () => post(signed.payload, signed.header)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);

    const requests = refundRequestsFor(h.payment.id);
    expect(requests).toHaveLength(1);
    const [refund] = await refundsOf(ctx.db, h.payment.id);
    expect(requests[0].form).toMatchObject({ payment_intent: "pi_late_1", amount: "6000", "metadata[refundId]": refund.id });
    expect(requests[0].headers["idempotency-key"]).toBe(`refund-${refund.id}`);
    expect(refund).toMatchObject({ status: "succeeded", amountMinor: 6000, reason: LATE_PAYMENT_REFUND_REASON, requestedByRole: "system" });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    expect(await refundAudit(refund.id)).toEqual([
      expect.objectContaining({
        action: "refund.recorded",
        actorId: null,
        actorRole: "system",
        after: {
          paymentId: h.payment.id,
          appointmentId: h.appointment.id,
          amountMinor: 6000,
          currency: h.payment.currency,
          status: "pending",
          reason: LATE_PAYMENT_REFUND_REASON,
        },
      }),
      expect.objectContaining({
        action: "refund.succeeded",
        actorRole: "system",
        before: { status: "pending", stripeRefundId: null },
        after: { status: "succeeded", stripeRefundId: refund.stripeRefundId },
      }),
    ]);

    // Nobody lost their place and nothing overlaps: the first appointment stays released.
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "cancelled" });
    expect(await getAppointment(ctx.db, rebooked.id)).toMatchObject({ status: "pending_payment", patientId: next.id });
    const active = await ctx.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.doctorId, h.doctor.id), ne(appointments.status, "cancelled")));
    expect(active.map((a) => a.id)).toEqual([rebooked.id]);

    // The explanation is an outbox event written with the refund: run its job as delivery would.
    await runFromOutbox(ctx.db, sendLatePaymentRefundNotice, { paymentId: h.payment.id });
    const mail = await ctx.db
      .select()
      .from(emails)
      .where(and(eq(emails.toAddress, h.patient.email), eq(emails.template, "payment-late-refund")));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Your payment is being refunded");
    expect(mail[0].text).toContain("€60.00");
    // Told by its own email, by kind: never the generic refund notice too.
    expect(refund.kind).toBe("late_payment");
    const announced = await ctx.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.name, "payment/refunded"), sql`${outboxEvents.payload}->>'refundId' = ${refund.id}`));
    expect(announced).toHaveLength(0);
  });

  it("a payment completing after the hold was released, with the slot still free, keeps the visit (re-claimed) and refunds nothing", async () => {
    const h = await held();
    expect(await releaseLapsedHolds(ctx.db, minutesAfter(TEST_NOW, 31), { doctorId: h.doctor.id })).toBe(1);
    const { response } = await deliver("checkout.session.completed", completedFor(h));
    expect(response.status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({
      status: "confirmed",
      cancelledBy: null,
      cancellationReason: null,
      cancelledAt: null,
    });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "paid" });
    expect(refundRequestsFor(h.payment.id)).toHaveLength(0);
  });

  it("Stripe down while refunding a late payment: 500 so Stripe retries, and the redelivery sends the refund", async () => {
    const h = await held();
    const next = await createPatient(ctx.db);
    await bookAppointment(ctx.db, { patientId: next.id, doctorId: h.doctor.id, startsAt: h.appointment.startsAt, reason: "" }, minutesAfter(TEST_NOW, 31));
    ctx.fake.failNext("/v1/refunds", 1, 500);
    const signed = signedStripeEvent("checkout.session.completed", completedFor(h, "pi_outage_1"));

    expect((await post(signed.payload, signed.header)).status).toBe(500);
    const [pending] = await refundsOf(ctx.db, h.payment.id);
    expect(pending).toMatchObject({ status: "pending", stripeRefundId: null });

    expect((await post(signed.payload, signed.header)).status).toBe(200);
    expect(refundRequestsFor(h.payment.id)).toHaveLength(2);
    expect(await refundsOf(ctx.db, h.payment.id)).toEqual([expect.objectContaining({ id: pending.id, status: "succeeded" })]);
  });

  it("refund events and charge.refunded record refunds made in Stripe, without counting one twice, and ignore a late 'pending'", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const paid = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const refund = { id: "re_dash_1", object: "refund", amount: 2000, status: "succeeded", payment_intent: paid.intent, metadata: {} };

    await deliver("refund.created", refund);
    expect(await paymentOf(ctx.db, paid.appointment.id)).toMatchObject({ status: "partially_refunded", refundedMinor: 2000 });
    await deliver("refund.updated", { ...refund, status: "pending" });
    await deliver("charge.refunded", { id: "ch_1", object: "charge", payment_intent: paid.intent, amount_refunded: 2000 });
    expect(await refundsOf(ctx.db, paid.payment.id)).toEqual([
      expect.objectContaining({ stripeRefundId: "re_dash_1", amountMinor: 2000, status: "succeeded" }),
    ]);

    // The rest is refunded in Stripe; the charge says so before the refund's own event arrives.
    await deliver("charge.refunded", { id: "ch_1", object: "charge", payment_intent: paid.intent, amount_refunded: 6000 });
    await deliver("refund.updated", { id: "re_dash_2", object: "refund", amount: 4000, status: "succeeded", payment_intent: paid.intent, metadata: {} });
    const rows = await refundsOf(ctx.db, paid.payment.id);
    expect(rows.map((r) => [r.amountMinor, r.status, r.stripeRefundId])).toEqual([
      [2000, "succeeded", "re_dash_1"],
      [4000, "succeeded", "re_dash_2"],
    ]);
    expect(rows.map((r) => r.kind)).toEqual(["outside_stripe", "outside_stripe"]);
    expect(await paymentOf(ctx.db, paid.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    const announced = await ctx.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.name, "payment/refunded"), sql`${outboxEvents.payload}->>'paymentId' = ${paid.payment.id}`));
    expect(announced).toHaveLength(2);
    // Each refund made in Stripe is recorded once, by the system; matching its id later is no status change.
    for (const row of await refundsOf(ctx.db, paid.payment.id)) {
      expect(await refundAudit(row.id)).toEqual([
        expect.objectContaining({
          action: "refund.recorded",
          actorId: null,
          actorRole: "system",
          after: expect.objectContaining({ paymentId: paid.payment.id, amountMinor: row.amountMinor, status: "succeeded", reason: row.reason }),
        }),
      ]);
    }
  });

  it("Stripe's outcome for a refund Careslot recorded is audited as a status change, once; a late 'pending' adds nothing", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const paid = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    ctx.fake.failNext("/v1/refunds", 1, 503);
    await cancelAppointment(
      ctx.db,
      { appointmentId: paid.appointment.id, actor: { id: doctor.id, role: "doctor" }, reason: "Ill" },
      hoursBefore(TUESDAY_10, 3),
    );
    const [pending] = await refundsOf(ctx.db, paid.payment.id);
    const stripeRefund = {
      id: "re_ours_1",
      object: "refund",
      amount: 6000,
      status: "pending",
      payment_intent: paid.intent,
      metadata: { refundId: pending.id },
    };

    await deliver("refund.created", stripeRefund);
    await deliver("refund.updated", { ...stripeRefund, status: "succeeded" });
    await deliver("refund.updated", { ...stripeRefund, status: "pending" });
    expect(await refundsOf(ctx.db, paid.payment.id)).toEqual([expect.objectContaining({ id: pending.id, status: "succeeded", stripeRefundId: "re_ours_1" })]);
    expect(await refundAudit(pending.id)).toEqual([
      expect.objectContaining({ action: "refund.recorded", actorId: doctor.id, actorRole: "doctor" }),
      expect.objectContaining({
        action: "refund.succeeded",
        actorId: null,
        actorRole: "system",
        before: { status: "pending", stripeRefundId: "re_ours_1" },
        after: { status: "succeeded", stripeRefundId: "re_ours_1" },
      }),
    ]);
  });

  it("a refund made in Stripe that later fails is recorded, then audited as failed", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const paid = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const stripeRefund = { id: "re_dash_fail", object: "refund", amount: 1500, status: "pending", payment_intent: paid.intent, metadata: {} };

    await deliver("refund.created", stripeRefund);
    await deliver("refund.failed", { ...stripeRefund, status: "failed" });
    const [row] = await refundsOf(ctx.db, paid.payment.id);
    expect(row).toMatchObject({ status: "failed", stripeRefundId: "re_dash_fail", amountMinor: 1500 });
    expect(await refundAudit(row.id)).toEqual([
      expect.objectContaining({
        action: "refund.recorded",
        actorRole: "system",
        after: expect.objectContaining({ paymentId: paid.payment.id, amountMinor: 1500, status: "pending" }),
      }),
      expect.objectContaining({
        action: "refund.failed",
        actorId: null,
        actorRole: "system",
        before: { status: "pending", stripeRefundId: "re_dash_fail" },
        after: { status: "failed", stripeRefundId: "re_dash_fail" },
      }),
    ]);
    expect(await paymentOf(ctx.db, paid.appointment.id)).toMatchObject({ status: "paid", refundedMinor: 0 });
  });

  it("an event type it does not use gets 200 and is ignored", async () => {
    const { response, body, event } = await deliver("customer.created", { id: "cus_1", object: "customer" });
    expect(response.status).toBe(200);
    expect(body.result).toBe("ignored");
    expect(await storedEvent(event.id)).toHaveLength(0);
  });

  it("a session Careslot does not know is accepted and changes nothing", async () => {
    const before = await ctx.db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, "payment.received"));
    const { response, body, event } = await deliver("checkout.session.completed", checkoutSession({ sessionId: "cs_unknown", appointmentId: "not-a-uuid" }));
    expect(response.status).toBe(200);
    expect(body.result).toBe("processed");
    expect(await storedEvent(event.id)).toHaveLength(1);
    const after = await ctx.db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, "payment.received"));
    expect(after[0].count).toBe(before[0].count);
  });
});
