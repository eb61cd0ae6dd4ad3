import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, outboxEvents } from "@/db/schema";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { doctorEarningsByMonth } from "@/db/queries/payment-reads";
import { TEST_NOW, createAdmin, createDoctor, createPatient, getAppointment, hoursBefore, localInstant, rejectionOf } from "@/tests/factories";
import { markPaidAtClinic } from "./clinic";
import { issueRefund, refundPaymentManually } from "./refunds";
import { setStripeSetupForTests } from "./stripe-client";
import { TEST_WEBHOOK_SECRET, fakeStripeClient } from "./testing/fake-stripe";
import { TUESDAY_10, doctorAndPatient, heldWithSession, paidAppointment, paymentOf, refundsOf, setUpPaymentTests } from "./testing/test-kit";

const ctx = setUpPaymentTests();
const refundRequestsFor = (paymentId: string) => ctx.fake.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[paymentId]"] === paymentId);

async function paid() {
  const { doctor, patient } = await doctorAndPatient(ctx.db);
  return { doctor, patient, ...(await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id })) };
}

async function withoutStripe<T>(work: () => Promise<T>): Promise<T> {
  setStripeSetupForTests(null);
  try {
    return await work();
  } finally {
    setStripeSetupForTests({ client: fakeStripeClient(ctx.fake), webhookSecret: TEST_WEBHOOK_SECRET });
  }
}

describe("cancelling a paid appointment refunds by policy through the Refunds API", () => {
  it("the patient cancelling exactly 24 h before the start gets a full refund, keyed on the refund row", async () => {
    const p = await paid();
    await cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: p.patient.id, role: "patient" }, reason: "Cannot come" }, hoursBefore(TUESDAY_10, 24));

    const [refund] = await refundsOf(ctx.db, p.payment.id);
    expect(refund).toMatchObject({ amountMinor: 6000, status: "succeeded", requestedBy: p.patient.id, requestedByRole: "patient" });
    expect(refund.reason).toMatch(/at least 24 hours before the start, so the full amount is refunded/);
    const [request] = refundRequestsFor(p.payment.id);
    expect(request.headers["idempotency-key"]).toBe(`refund-${refund.id}`);
    expect(request.form).toMatchObject({ payment_intent: p.intent, amount: "6000", "metadata[refundId]": refund.id, "metadata[appointmentId]": p.appointment.id });
    expect(refund.stripeRefundId).toMatch(/^re_test_/);
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    expect(await getAppointment(ctx.db, p.appointment.id)).toMatchObject({ status: "cancelled", cancelledBy: "patient" });
  });

  it("one second inside the 24 h the patient may no longer cancel, so nothing is cancelled or refunded", async () => {
    const p = await paid();
    const error = await rejectionOf(cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: p.patient.id, role: "patient" }, reason: "Too late" }, new Date(hoursBefore(TUESDAY_10, 24).getTime() + 1000)));
    expect((error as AppError).code).toBe("conflict");
    expect(await refundsOf(ctx.db, p.payment.id)).toEqual([]);
    expect(refundRequestsFor(p.payment.id)).toHaveLength(0);
    expect(await getAppointment(ctx.db, p.appointment.id)).toMatchObject({ status: "confirmed" });
  });

  it("the doctor cancelling an hour before refunds in full", async () => {
    const p = await paid();
    await cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: p.doctor.id, role: "doctor" }, reason: "Ill" }, hoursBefore(TUESDAY_10, 1));
    expect(await refundsOf(ctx.db, p.payment.id)).toEqual([expect.objectContaining({ amountMinor: 6000, status: "succeeded", requestedByRole: "doctor" })]);
    expect(refundRequestsFor(p.payment.id)).toHaveLength(1);
  });

  it("an admin cancelling refunds in full, and the refund is announced for the patient's email", async () => {
    const p = await paid();
    const admin = await createAdmin(ctx.db);
    await cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: admin.id, role: "admin" }, reason: "Clinic closed" }, hoursBefore(TUESDAY_10, 2));
    const [refund] = await refundsOf(ctx.db, p.payment.id);
    expect(refund).toMatchObject({ amountMinor: 6000, status: "succeeded", requestedByRole: "admin" });
    const announced = await ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.name, "payment/refunded"), sql`${outboxEvents.payload}->>'refundId' = ${refund.id}`));
    expect(announced).toHaveLength(1);
  });

  it("cancelling an unpaid hold refunds nothing and closes its Checkout Session", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    await cancelAppointment(ctx.db, { appointmentId: held.appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Changed my mind" }, TEST_NOW);
    expect(await paymentOf(ctx.db, held.appointment.id)).toMatchObject({ status: "expired" });
    expect(await refundsOf(ctx.db, held.payment.id)).toEqual([]);
    expect(ctx.fake.requestsTo("POST", `/v1/checkout/sessions/${held.sessionId}/expire`)).toHaveLength(1);
  });

  it("cancelling a pay-at-clinic visit refunds nothing: the fee is simply no longer due", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const appointment = await withoutStripe(() => bookAppointment(ctx.db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW));
    await withoutStripe(() => cancelAppointment(ctx.db, { appointmentId: appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Plans changed" }, TEST_NOW));
    const payment = await paymentOf(ctx.db, appointment.id);
    expect(payment).toMatchObject({ provider: "clinic", status: "expired" });
    expect(await refundsOf(ctx.db, payment.id)).toEqual([]);
  });

  it("Stripe down during the refund: the cancellation stands, the refund waits as pending, and sending it later reaches Stripe once", async () => {
    const p = await paid();
    ctx.fake.failNext("/v1/refunds", 1, 503);
    const cancelled = await cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: p.doctor.id, role: "doctor" }, reason: "Ill" }, hoursBefore(TUESDAY_10, 3));
    expect(cancelled.status).toBe("cancelled");
    const [pending] = await refundsOf(ctx.db, p.payment.id);
    expect(pending).toMatchObject({ status: "pending", stripeRefundId: null, amountMinor: 6000 });
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "paid", refundedMinor: 0 });

    expect(await Promise.all([issueRefund(ctx.db, pending.id), issueRefund(ctx.db, pending.id)])).toEqual(expect.arrayContaining(["sent"]));
    expect(await issueRefund(ctx.db, pending.id)).toBe("skipped");
    const sends = refundRequestsFor(p.payment.id);
    expect(sends).toHaveLength(2); // the failed attempt and exactly one more
    expect(new Set(sends.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`refund-${pending.id}`]));
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
  });
});

describe("manual refunds by an admin", () => {
  it("refunds part of a payment with a reason, audited; then at most the rest; then nothing more", async () => {
    const p = await paid();
    const admin = await createAdmin(ctx.db);
    const first = await refundPaymentManually(ctx.db, { paymentId: p.payment.id, amountMinor: 1500, reason: "Visit was shorter", adminId: admin.id });
    expect(first.outcome).toBe("sent");
    expect(first.refund).toMatchObject({ amountMinor: 1500, status: "succeeded", reason: "Visit was shorter", requestedBy: admin.id, requestedByRole: "admin" });
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "partially_refunded", refundedMinor: 1500 });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, p.payment.id), eq(auditLog.action, "payment.refunded_manually")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, actorRole: "admin", after: expect.objectContaining({ amountMinor: 1500, reason: "Visit was shorter" }) });

    const tooMuch = (await rejectionOf(refundPaymentManually(ctx.db, { paymentId: p.payment.id, amountMinor: 4501, reason: "Oops", adminId: admin.id }))) as AppError;
    expect(tooMuch.code).toBe("invalid_input");
    expect(tooMuch.fieldErrors?.amount?.[0]).toBe("At most €45.00 can still be refunded.");

    await refundPaymentManually(ctx.db, { paymentId: p.payment.id, amountMinor: 4500, reason: "Goodwill", adminId: admin.id });
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    expect(((await rejectionOf(refundPaymentManually(ctx.db, { paymentId: p.payment.id, amountMinor: 1, reason: "More", adminId: admin.id }))) as AppError).code).toBe("conflict");
    expect(refundRequestsFor(p.payment.id).map((r) => r.form.amount)).toEqual(["1500", "4500"]);
  });

  it("refuses to refund a payment that was never received", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const admin = await createAdmin(ctx.db);
    expect(((await rejectionOf(refundPaymentManually(ctx.db, { paymentId: held.payment.id, amountMinor: 100, reason: "No", adminId: admin.id }))) as AppError).code).toBe("conflict");
  });
});

describe("paying at the clinic", () => {
  it("the doctor marks the fee paid, audited; another doctor cannot; it cannot be marked twice", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const other = await createDoctor(ctx.db);
    const appointment = await withoutStripe(() => bookAppointment(ctx.db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW));

    expect(((await rejectionOf(markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: other.id }, TEST_NOW))) as AppError).code).toBe("not_found");
    const marked = await markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: doctor.id }, TUESDAY_10);
    expect(marked).toMatchObject({ provider: "clinic", status: "paid", paidAt: TUESDAY_10 });
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, marked.id), eq(auditLog.action, "payment.marked_paid")));
    expect(audit).toEqual([expect.objectContaining({ actorId: doctor.id, actorRole: "doctor" })]);
    expect(((await rejectionOf(markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: doctor.id }, TUESDAY_10))) as AppError).code).toBe("conflict");
  });

  it("the doctor's earnings by month count received, refunded and still-due money separately", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const second = await createPatient(ctx.db);
    const admin = await createAdmin(ctx.db);
    const dueVisit = await withoutStripe(() => bookAppointment(ctx.db, { patientId: second.id, doctorId: doctor.id, startsAt: localInstant("2030-03-06", "10:00"), reason: "" }, TEST_NOW));
    expect(dueVisit.status).toBe("confirmed");
    const p = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    await refundPaymentManually(ctx.db, { paymentId: p.payment.id, amountMinor: 1000, reason: "Late start", adminId: admin.id });
    expect(await doctorEarningsByMonth(ctx.db, doctor.id, "Europe/Berlin")).toEqual([{ month: "2030-03", currency: "EUR", paidMinor: 6000, refundedMinor: 1000, dueMinor: 6000 }]);
  });

  it("a card payment can never be marked paid by the doctor: only the webhook marks it paid", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    expect(((await rejectionOf(markPaidAtClinic(ctx.db, { appointmentId: held.appointment.id, doctorId: doctor.id }, TEST_NOW))) as AppError).code).toBe("conflict");
    expect(await paymentOf(ctx.db, held.appointment.id)).toMatchObject({ status: "requires_payment" });
  });
});

describe("rescheduling a paid appointment", () => {
  it("moves the payment with the visit, so the new time is the paid one", async () => {
    const p = await paid();
    const moved = await rescheduleAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: p.patient.id, role: "patient" }, newStartsAt: localInstant("2030-03-06", "11:00") }, TEST_NOW);
    expect(await paymentOf(ctx.db, moved.id)).toMatchObject({ id: p.payment.id, status: "paid" });
    expect(await paymentOf(ctx.db, p.appointment.id)).toBeUndefined();
  });
});
