import { describe, expect, inject, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import Stripe from "stripe";
import { outboxEvents, refunds } from "@/db/schema";
import { bookAppointment, cancelAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { TEST_NOW, auditRowsFor, createAdmin, getAppointment, hoursBefore, rejectionOf } from "@/tests/factories";
import { REFUND_SEND_LEASE_MS, issueRefund, retryUnsentRefunds } from "./refunds";
import { setStripeSetupForTests } from "./stripe-client";
import { TEST_WEBHOOK_SECRET, fakeStripeClient } from "./testing/fake-stripe";
import {
  TUESDAY_10,
  doctorAndPatient,
  heldWithSession,
  paidVisit,
  paymentOf,
  refundRequestsFor,
  refundsOf,
  setUpPaymentTests,
  visitWithPendingRefund,
  withoutStripe,
} from "./testing/test-kit";

const ctx = setUpPaymentTests();

const paid = () => paidVisit(ctx);

const pendingRefund = () => visitWithPendingRefund(ctx);

const refundAudit = (refundId: string) => auditRowsFor(ctx.db, "refund", refundId);

describe("cancelling a paid appointment refunds by policy through the Refunds API", () => {
  it("the patient cancelling exactly 24 h before the start gets a full refund, keyed on the refund row", async () => {
    const p = await paid();
    await cancelAppointment(
      ctx.db,
      { appointmentId: p.appointment.id, actor: { id: p.patient.id, role: "patient" }, reason: "Cannot come" },
      hoursBefore(TUESDAY_10, 24),
    );

    const [refund] = await refundsOf(ctx.db, p.payment.id);
    expect(refund).toMatchObject({ amountMinor: 6000, status: "succeeded", requestedBy: p.patient.id, requestedByRole: "patient" });
    expect(refund.reason).toMatch(/at least 24 hours before the start, so the full amount is refunded/);
    const [request] = refundRequestsFor(ctx, p.payment.id);
    expect(request.headers["idempotency-key"]).toBe(`refund-${refund.id}`);
    expect(request.form).toMatchObject({
      payment_intent: p.intent,
      amount: "6000",
      "metadata[refundId]": refund.id,
      "metadata[appointmentId]": p.appointment.id,
    });
    expect(refund.stripeRefundId).toMatch(/^re_test_/);
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    expect(await getAppointment(ctx.db, p.appointment.id)).toMatchObject({ status: "cancelled", cancelledBy: "patient" });
    // Recorded by the patient who cancelled; sent by the system after the commit.
    expect(await refundAudit(refund.id)).toEqual([
      expect.objectContaining({
        action: "refund.recorded",
        actorId: p.patient.id,
        actorRole: "patient",
        before: null,
        after: {
          paymentId: p.payment.id,
          appointmentId: p.appointment.id,
          amountMinor: 6000,
          currency: p.payment.currency,
          status: "pending",
          reason: refund.reason,
        },
      }),
      expect.objectContaining({
        action: "refund.succeeded",
        actorId: null,
        actorRole: "system",
        before: { status: "pending", stripeRefundId: null },
        after: { status: "succeeded", stripeRefundId: refund.stripeRefundId },
      }),
    ]);
  });

  it("one second inside the 24 h the patient may no longer cancel, so nothing is cancelled or refunded", async () => {
    const p = await paid();
    const error = await rejectionOf(
      cancelAppointment(
        ctx.db,
        { appointmentId: p.appointment.id, actor: { id: p.patient.id, role: "patient" }, reason: "Too late" },
        new Date(hoursBefore(TUESDAY_10, 24).getTime() + 1000),
      ),
    );
    expect((error as AppError).code).toBe("conflict");
    expect(await refundsOf(ctx.db, p.payment.id)).toEqual([]);
    expect(refundRequestsFor(ctx, p.payment.id)).toHaveLength(0);
    expect(await getAppointment(ctx.db, p.appointment.id)).toMatchObject({ status: "confirmed" });
  });

  it("the doctor cancelling an hour before refunds in full", async () => {
    const p = await paid();
    await cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: { id: p.doctor.id, role: "doctor" }, reason: "Ill" }, hoursBefore(TUESDAY_10, 1));
    expect(await refundsOf(ctx.db, p.payment.id)).toEqual([expect.objectContaining({ amountMinor: 6000, status: "succeeded", requestedByRole: "doctor" })]);
    expect(refundRequestsFor(ctx, p.payment.id)).toHaveLength(1);
  });

  it("an admin cancelling refunds in full, and the refund is announced for the patient's email", async () => {
    const p = await paid();
    const admin = await createAdmin(ctx.db);
    await cancelAppointment(
      ctx.db,
      { appointmentId: p.appointment.id, actor: { id: admin.id, role: "admin" }, reason: "Clinic closed" },
      hoursBefore(TUESDAY_10, 2),
    );
    const [refund] = await refundsOf(ctx.db, p.payment.id);
    expect(refund).toMatchObject({ kind: "cancellation", amountMinor: 6000, status: "succeeded", requestedByRole: "admin" });
    const announced = await ctx.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.name, "payment/refunded"), sql`${outboxEvents.payload}->>'refundId' = ${refund.id}`));
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
    const appointment = await withoutStripe(ctx, () =>
      bookAppointment(ctx.db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW),
    );
    await withoutStripe(ctx, () =>
      cancelAppointment(ctx.db, { appointmentId: appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Plans changed" }, TEST_NOW),
    );
    const payment = await paymentOf(ctx.db, appointment.id);
    expect(payment).toMatchObject({ provider: "clinic", status: "expired" });
    expect(await refundsOf(ctx.db, payment.id)).toEqual([]);
  });

  it("Stripe down during the refund: the cancellation stands, the refund waits as pending, and sending it later reaches Stripe once", async () => {
    const p = await paid();
    ctx.fake.failNext("/v1/refunds", 1, 503);
    const cancelled = await cancelAppointment(
      ctx.db,
      { appointmentId: p.appointment.id, actor: { id: p.doctor.id, role: "doctor" }, reason: "Ill" },
      hoursBefore(TUESDAY_10, 3),
    );
    expect(cancelled.status).toBe("cancelled");
    const [pending] = await refundsOf(ctx.db, p.payment.id);
    expect(pending).toMatchObject({ status: "pending", stripeRefundId: null, amountMinor: 6000 });
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "paid", refundedMinor: 0 });

    expect(await Promise.all([issueRefund(ctx.db, pending.id), issueRefund(ctx.db, pending.id)])).toEqual(expect.arrayContaining(["sent"]));
    expect(await issueRefund(ctx.db, pending.id)).toBe("skipped");
    const sends = refundRequestsFor(ctx, p.payment.id);
    expect(sends).toHaveLength(2); // the failed attempt and exactly one more
    expect(new Set(sends.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`refund-${pending.id}`]));
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    // Two senders, one send: one status change in the audit log, none for the attempt Stripe never answered.
    expect((await refundAudit(pending.id)).map((row) => [row.action, row.actorRole])).toEqual([
      ["refund.recorded", "doctor"],
      ["refund.succeeded", "system"],
    ]);
  });

  it("Stripe refusing the refund outright marks it failed, audited with Stripe's reason", async () => {
    const p = await paid();
    const client = fakeStripeClient(ctx.fake);
    const refused = new Stripe.errors.StripeInvalidRequestError({ type: "invalid_request_error", message: "Charge has already been refunded." });
    vi.spyOn(client.refunds, "create").mockRejectedValueOnce(refused);
    setStripeSetupForTests({ client, webhookSecret: TEST_WEBHOOK_SECRET });
    try {
      await cancelAppointment(
        ctx.db,
        { appointmentId: p.appointment.id, actor: { id: p.doctor.id, role: "doctor" }, reason: "Ill" },
        hoursBefore(TUESDAY_10, 3),
      );
    } finally {
      setStripeSetupForTests({ client: fakeStripeClient(ctx.fake), webhookSecret: TEST_WEBHOOK_SECRET });
    }
    const [refund] = await refundsOf(ctx.db, p.payment.id);
    expect(refund).toMatchObject({ status: "failed", stripeRefundId: null });
    expect(await refundAudit(refund.id)).toEqual([
      expect.objectContaining({ action: "refund.recorded", actorId: p.doctor.id, actorRole: "doctor" }),
      expect.objectContaining({
        action: "refund.failed",
        actorId: null,
        actorRole: "system",
        before: { status: "pending", stripeRefundId: null },
        after: { status: "failed", stripeRefundId: null, error: "Charge has already been refunded." },
      }),
    ]);
  });
});

describe("sending a refund: claimed and committed, then Stripe, then the answer", () => {
  it("calls Stripe only once the claim is committed, with no transaction holding the refund row", async () => {
    const p = await pendingRefund();
    // Another connection looks while Stripe has the request and the sender waits for the answer.
    const other = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    const seen: { claimed?: boolean; status?: string; rowLock?: string } = {};
    ctx.fake.beforeAnswer("/v1/refunds", async () => {
      const [row] = await other<
        { claimed: boolean; status: string }[]
      >`select send_claimed_at is not null as claimed, status::text as status from refunds where id = ${p.refund.id}`;
      Object.assign(seen, row);
      seen.rowLock = await other
        .begin((tx) => tx`select id from refunds where id = ${p.refund.id} for update nowait`)
        .then(
          () => "free",
          (error: { code?: string }) => error.code ?? "error",
        );
    });
    try {
      expect(await issueRefund(ctx.db, p.refund.id)).toBe("sent");
    } finally {
      await other.end({ timeout: 5 });
    }
    expect(seen).toEqual({ claimed: true, status: "pending", rowLock: "free" });
    const [sent] = await refundsOf(ctx.db, p.payment.id);
    expect(sent).toMatchObject({ status: "succeeded", stripeRefundId: expect.stringMatching(/^re_test_/), sendClaimedAt: null });
  });

  it("a sender that died after Stripe made the refund leaves the row to the sweep: busy while its claim stands, then finished with the same refund", async () => {
    const p = await pendingRefund();
    // The first sender reached Stripe, which made the refund, and died before recording the answer.
    const atStripe = await fakeStripeClient(ctx.fake).refunds.create(
      { payment_intent: p.intent, amount: 6000, metadata: { paymentId: p.payment.id } },
      { idempotencyKey: `refund-${p.refund.id}` },
    );
    await ctx.db.update(refunds).set({ sendClaimedAt: new Date() }).where(eq(refunds.id, p.refund.id));
    expect(await issueRefund(ctx.db, p.refund.id)).toBe("busy");

    const lapsed = new Date(Date.now() - REFUND_SEND_LEASE_MS - 60_000);
    await ctx.db.update(refunds).set({ sendClaimedAt: lapsed, createdAt: lapsed }).where(eq(refunds.id, p.refund.id));
    await retryUnsentRefunds(ctx.db, new Date());
    const [done] = await refundsOf(ctx.db, p.payment.id);
    expect(done).toMatchObject({ status: "succeeded", stripeRefundId: atStripe.id, sendClaimedAt: null });
    expect(new Set(refundRequestsFor(ctx, p.payment.id).map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`refund-${p.refund.id}`]));
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
  });
});
