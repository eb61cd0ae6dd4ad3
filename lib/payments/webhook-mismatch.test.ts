// Issue #13, finding 10, replayed through the route handler with events signed
// by the real Stripe SDK's test helper: a delivery whose signature is older
// than the tolerance is refused, and a completed checkout whose amount or
// currency differs from the payment never confirms the booking: the money is
// refunded automatically through the usual refund path and the payment is
// flagged for the admin.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { listRefundsOfPayments } from "@/db/queries/payments";
import { outboxEvents, stripeEvents } from "@/db/schema";
import { auditRowsFor, getAppointment } from "@/tests/factories";
import { MISMATCH_CANCELLATION_REASON, MISMATCH_REFUND_REASON, paymentNeedsAttention } from "./policy";
import { SIGNATURE_TOLERANCE_SECONDS } from "./signature";
import { signedStripeEvent } from "./testing/fake-stripe";
import { checkoutSession, doctorAndPatient, heldWithSession, paymentOf, refundsOf, setUpPaymentTests } from "./testing/test-kit";

const ctx = setUpPaymentTests();

function post(signed: { payload: string; header: string }) {
  return POST(
    new Request("http://localhost/api/webhooks/stripe", {
      method: "POST",
      body: signed.payload,
      headers: { "content-type": "application/json", "stripe-signature": signed.header },
    }),
  );
}

async function held() {
  const { doctor, patient } = await doctorAndPatient(ctx.db);
  return heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
}

const completed = (h: Awaited<ReturnType<typeof held>>, overrides: Record<string, unknown> = {}) => ({
  ...checkoutSession({ sessionId: h.sessionId, appointmentId: h.appointment.id, paymentId: h.payment.id }),
  ...overrides,
});

const outboxNames = async (appointmentId: string) =>
  (
    await ctx.db
      .select({ name: outboxEvents.name })
      .from(outboxEvents)
      .where(sql`${outboxEvents.payload}->>'appointmentId' = ${appointmentId}`)
  )
    .map((row) => row.name)
    .sort();

describe("the signature's age", () => {
  it("a correctly signed delivery whose timestamp is older than the tolerance is refused with 400 and changes nothing", async () => {
    const h = await held();
    const stale = Math.floor(Date.now() / 1000) - SIGNATURE_TOLERANCE_SECONDS - 60;
    const signed = signedStripeEvent("checkout.session.completed", completed(h), { timestamp: stale });

    const response = await post(signed);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid signature" });
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "pending_payment" });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "requires_payment", paidAt: null });
    expect(await ctx.db.select().from(stripeEvents).where(eq(stripeEvents.id, signed.event.id))).toEqual([]);

    // The same event signed a minute ago is within the tolerance: the age is what was refused.
    const fresh = signedStripeEvent("checkout.session.completed", completed(h), { id: signed.event.id, timestamp: Math.floor(Date.now() / 1000) - 60 });
    expect((await post(fresh)).status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "confirmed" });
  });
});

describe("a checkout that does not match its payment", () => {
  it("a smaller amount: not confirmed, the hold released, the amount taken refunded in full through Stripe, the payment flagged", async () => {
    const h = await held();
    const signed = signedStripeEvent("checkout.session.completed", completed(h, { amount_total: 100, payment_intent: "pi_mismatch_1" }));

    const response = await post(signed);
    expect(response.status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: "system",
      cancellationReason: MISMATCH_CANCELLATION_REASON,
    });

    const requests = ctx.fake.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[paymentId]"] === h.payment.id);
    expect(requests).toHaveLength(1);
    const [refund] = await refundsOf(ctx.db, h.payment.id);
    expect(requests[0]!.form).toMatchObject({ payment_intent: "pi_mismatch_1", amount: "100", "metadata[refundId]": refund!.id });
    expect(refund).toMatchObject({ kind: "mismatch", amountMinor: 100, status: "succeeded", reason: MISMATCH_REFUND_REASON, requestedByRole: "system" });
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "refunded", amountMinor: 100, refundedMinor: 100, currency: "EUR" });

    // Flagged: an audit entry with what was expected and what came, and the admin's list shows it as needing attention.
    const audit = (await auditRowsFor(ctx.db, "payment", h.payment.id)).filter((row) => row.action === "payment.mismatch");
    expect(audit).toEqual([
      expect.objectContaining({
        actorRole: "system",
        before: { amountMinor: 6000, currency: "EUR" },
        after: { amountMinor: 100, currency: "EUR", sessionId: h.sessionId, refundId: refund!.id, appointmentStatus: "cancelled" },
      }),
    ]);
    expect(paymentNeedsAttention(await listRefundsOfPayments(ctx.db, [h.payment.id]))).toBe(true);

    // Never confirmed, no receipt; the patient is told by the refund notice.
    expect(await outboxNames(h.appointment.id)).toEqual(["appointment/booked", "payment/refunded"]);
  });

  it("the right amount in another currency is refused the same way, in the currency Stripe took", async () => {
    const h = await held();
    const response = await post(signedStripeEvent("checkout.session.completed", completed(h, { currency: "usd" })));
    expect(response.status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "cancelled" });
    expect(await refundsOf(ctx.db, h.payment.id)).toEqual([expect.objectContaining({ kind: "mismatch", amountMinor: 6000, status: "succeeded" })]);
    expect(await paymentOf(ctx.db, h.appointment.id)).toMatchObject({ status: "refunded", currency: "USD" });
  });

  it("a mismatch delivered three times at once is refunded once", async () => {
    const h = await held();
    const signed = signedStripeEvent("checkout.session.completed", completed(h, { amount_total: 9000 }));
    const responses = await Promise.all([post(signed), post(signed), post(signed)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(ctx.fake.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[paymentId]"] === h.payment.id)).toHaveLength(1);
    expect(await refundsOf(ctx.db, h.payment.id)).toEqual([expect.objectContaining({ kind: "mismatch", amountMinor: 9000 })]);
    const confirmed = await ctx.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.name, "appointment/confirmed"), sql`${outboxEvents.payload}->>'appointmentId' = ${h.appointment.id}`));
    expect(confirmed).toEqual([]);
  });

  it("a matching checkout is not flagged (the control)", async () => {
    const h = await held();
    expect((await post(signedStripeEvent("checkout.session.completed", completed(h)))).status).toBe(200);
    expect(await getAppointment(ctx.db, h.appointment.id)).toMatchObject({ status: "confirmed" });
    expect(await refundsOf(ctx.db, h.payment.id)).toEqual([]);
    expect(paymentNeedsAttention(await listRefundsOfPayments(ctx.db, [h.payment.id]))).toBe(false);
  });
});
