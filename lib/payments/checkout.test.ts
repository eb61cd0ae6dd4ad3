import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, outboxEvents } from "@/db/schema";
import { getAppSettings } from "@/db/queries/settings";
import { bookAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { TEST_NOW, createPatient, getAppointment, hoursAfter, outboxRowsFor, rejectionOf } from "@/tests/factories";
import { checkoutIdempotencyKey, openCheckout } from "./checkout";
import { HOLD_RELEASE_REASON, HOLD_REPLACED_REASON, releaseLapsedHolds, settleReleasedHold } from "./holds";
import { setStripeSetupForTests, type StripeSetup } from "./stripe-client";
import { TEST_WEBHOOK_SECRET, fakeStripeClient } from "./testing/fake-stripe";
import { TUESDAY_10, doctorAndPatient, heldWithSession, paymentOf, setUpPaymentTests } from "./testing/test-kit";

const ctx = setUpPaymentTests();
const MINUTE = 60_000;
const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE);

const book = (patientId: string, doctorId: string, now = TEST_NOW, startsAt = TUESDAY_10) =>
  bookAppointment(ctx.db, { patientId, doctorId, startsAt, reason: "Check-up" }, now);

/** Runs `work` as if no Stripe keys were configured. */
async function withoutStripe<T>(work: () => Promise<T>): Promise<T> {
  setStripeSetupForTests(null);
  try {
    return await work();
  } finally {
    setStripeSetupForTests({ client: fakeStripeClient(ctx.fake), webhookSecret: TEST_WEBHOOK_SECRET } satisfies StripeSetup);
  }
}

const createRequestsFor = (appointmentId: string) =>
  ctx.fake.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.path === "/v1/checkout/sessions" && r.form["metadata[appointmentId]"] === appointmentId);

describe("booking when Stripe is configured", () => {
  it("holds the slot as pending_payment for the admin's hold time, with a payment waiting for Stripe and nothing confirmed", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const appointment = await book(patient.id, doctor.id);
    const holdMinutes = (await getAppSettings(ctx.db)).paymentHoldMinutes;
    expect(holdMinutes).toBe(30);
    expect(appointment.status).toBe("pending_payment");
    expect(appointment.holdExpiresAt).toEqual(minutesAfter(TEST_NOW, holdMinutes));
    expect(await paymentOf(ctx.db, appointment.id)).toMatchObject({
      provider: "stripe",
      status: "requires_payment",
      amountMinor: 6000,
      currency: "EUR",
      stripeCheckoutSessionId: null,
      paidAt: null,
    });
    // The hold takes the slot: a second patient is told it is taken.
    const other = await createPatient(ctx.db);
    const refused = await rejectionOf(book(other.id, doctor.id, minutesAfter(TEST_NOW, 5)));
    expect((refused as AppError).code).toBe("slot_taken");
  });

  it("creates the Checkout Session with the doctor's price and currency, the appointment in the metadata and an idempotency key from the appointment", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db, { priceMinor: 12550, currency: "GBP", fullName: "Dr. Amelia Stone" });
    const appointment = await book(patient.id, doctor.id);
    const { url, sessionId } = await openCheckout(ctx.db, { appointmentId: appointment.id, patientId: patient.id }, TEST_NOW);

    const [request] = createRequestsFor(appointment.id);
    const payment = await paymentOf(ctx.db, appointment.id);
    expect(request.headers["idempotency-key"]).toBe(checkoutIdempotencyKey(appointment.id));
    expect(request.headers["idempotency-key"]).toBe(`checkout-${appointment.id}`);
    expect(request.form).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": "12550",
      "line_items[0][price_data][currency]": "gbp",
      "metadata[appointmentId]": appointment.id,
      "metadata[paymentId]": payment.id,
      "payment_intent_data[metadata][appointmentId]": appointment.id,
      client_reference_id: appointment.id,
      success_url: `http://localhost:3000/patient/appointments/${appointment.id}/booked?checkout=success`,
      cancel_url: `http://localhost:3000/patient/appointments/${appointment.id}?checkout=cancelled`,
    });
    // Named after the doctor and the date (Tuesday 10:00 in the doctor's zone).
    expect(request.form["line_items[0][price_data][product_data][name]"]).toBe(
      "Consultation with Dr. Amelia Stone on Tue 5 Mar 2030, 10:00 Berlin time (UTC+1)",
    );
    // Stripe's 30-minute minimum (plus margin) wins over the 30-minute hold.
    expect(Number(request.form.expires_at)).toBe(minutesAfter(TEST_NOW, 32).getTime() / 1000);
    expect(url).toBe(`${ctx.fake.url}/pay/${sessionId}`);
    expect(payment.stripeCheckoutSessionId).toBe(sessionId);
  });

  it("opening the payment again (a double click, or back from Stripe) returns the same session and creates none", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const again = await Promise.all(
      [1, 2, 3].map(() => openCheckout(ctx.db, { appointmentId: held.appointment.id, patientId: patient.id }, minutesAfter(TEST_NOW, 1))),
    );
    expect(new Set(again.map((c) => c.sessionId))).toEqual(new Set([held.sessionId]));
    expect(createRequestsFor(held.appointment.id)).toHaveLength(1);
  });

  it("two concurrent first attempts for one appointment send one idempotency key and get one session", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const appointment = await book(patient.id, doctor.id);
    const results = await Promise.allSettled([1, 2].map(() => openCheckout(ctx.db, { appointmentId: appointment.id, patientId: patient.id }, TEST_NOW)));
    const sessions = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.sessionId] : [])));
    const keys = new Set(createRequestsFor(appointment.id).map((r) => r.headers["idempotency-key"]));
    expect(keys).toEqual(new Set([`checkout-${appointment.id}`]));
    expect(sessions.size).toBe(1);
    expect((await paymentOf(ctx.db, appointment.id)).stripeCheckoutSessionId).toBe([...sessions][0]);
  });

  it("a patient who abandons checkout and books the same slot again gets a new hold and a new session; the old one is closed and can never confirm", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const first = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const second = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id, now: minutesAfter(TEST_NOW, 5) });

    expect(second.appointment.id).not.toBe(first.appointment.id);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.appointment.status).toBe("pending_payment");
    expect(await getAppointment(ctx.db, first.appointment.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: "patient",
      cancellationReason: HOLD_REPLACED_REASON,
    });
    expect(await paymentOf(ctx.db, first.appointment.id)).toMatchObject({ status: "expired" });
    expect(ctx.fake.requestsTo("POST", `/v1/checkout/sessions/${first.sessionId}/expire`)).toHaveLength(1);
    expect(ctx.fake.session(first.sessionId)?.status).toBe("expired");
  });

  it("refuses to open checkout for someone else's appointment, or for one that is confirmed", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const stranger = await createPatient(ctx.db);
    const appointment = await book(patient.id, doctor.id);
    expect(((await rejectionOf(openCheckout(ctx.db, { appointmentId: appointment.id, patientId: stranger.id }, TEST_NOW))) as AppError).code).toBe("not_found");
    expect(createRequestsFor(appointment.id)).toHaveLength(0);

    const clinic = await doctorAndPatient(ctx.db);
    const confirmed = await withoutStripe(() => book(clinic.patient.id, clinic.doctor.id));
    expect(((await rejectionOf(openCheckout(ctx.db, { appointmentId: confirmed.id, patientId: clinic.patient.id }, TEST_NOW))) as AppError).message).toMatch(
      /no longer waiting for payment|already paid/,
    );
  });

  it("refuses checkout once the hold has run out", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const appointment = await book(patient.id, doctor.id);
    const error = await rejectionOf(openCheckout(ctx.db, { appointmentId: appointment.id, patientId: patient.id }, minutesAfter(TEST_NOW, 30)));
    expect((error as AppError).message).toMatch(/ran out/);
  });
});

describe("hold expiry", () => {
  it("an expired hold does not block a new booking: the next patient gets the slot, the hold is released and its session closed", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const next = await createPatient(ctx.db);

    // One minute before the hold ends the slot is still taken; at its end it is free.
    expect(((await rejectionOf(book(next.id, doctor.id, minutesAfter(TEST_NOW, 29)))) as AppError).code).toBe("slot_taken");
    const taken = await book(next.id, doctor.id, minutesAfter(TEST_NOW, 30));

    expect(taken).toMatchObject({ patientId: next.id, status: "pending_payment" });
    expect(await getAppointment(ctx.db, held.appointment.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: "system",
      cancellationReason: HOLD_RELEASE_REASON,
    });
    expect(await paymentOf(ctx.db, held.appointment.id)).toMatchObject({ status: "expired" });
    expect(ctx.fake.requestsTo("POST", `/v1/checkout/sessions/${held.sessionId}/expire`)).toHaveLength(1);
  });

  it("the eager release (for a background job) frees lapsed holds of that doctor only, and closes their sessions", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    expect(await releaseLapsedHolds(ctx.db, minutesAfter(TEST_NOW, 29), { doctorId: doctor.id })).toBe(0);
    expect(await releaseLapsedHolds(ctx.db, minutesAfter(TEST_NOW, 31), { doctorId: doctor.id })).toBe(1);
    expect(await getAppointment(ctx.db, held.appointment.id)).toMatchObject({ status: "cancelled", cancelledBy: "system" });
    expect(await paymentOf(ctx.db, held.appointment.id)).toMatchObject({ status: "expired" });
    expect(ctx.fake.requestsTo("POST", `/v1/checkout/sessions/${held.sessionId}/expire`)).toHaveLength(1);
  });

  it("a hold released by someone else (the jobs' eager expiry) is settled: payment expired, session closed", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    await settleReleasedHold(ctx.db, held.appointment.id);
    expect(await paymentOf(ctx.db, held.appointment.id)).toMatchObject({ status: "expired" });
    expect(ctx.fake.requestsTo("POST", `/v1/checkout/sessions/${held.sessionId}/expire`)).toHaveLength(1);
  });
});

describe("booking without Stripe, or for free", () => {
  it("pay at the clinic: confirmed at once with a clinic payment due at the visit, and no call to Stripe", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const before = ctx.fake.requests.length;
    const appointment = await withoutStripe(() => book(patient.id, doctor.id));
    expect(appointment).toMatchObject({ status: "confirmed", holdExpiresAt: null });
    expect(await paymentOf(ctx.db, appointment.id)).toMatchObject({
      provider: "clinic",
      status: "due_at_visit",
      amountMinor: 6000,
      currency: "EUR",
      paidAt: null,
    });
    expect((await outboxRowsFor(ctx.db, appointment.id)).map((row) => row.name)).toEqual(["appointment/booked"]);
    expect(ctx.fake.requests.length).toBe(before);
  });

  it("a free visit is confirmed at once with no payment, even with Stripe configured", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db, { priceMinor: 0 });
    const appointment = await book(patient.id, doctor.id);
    expect(appointment.status).toBe("confirmed");
    expect(await paymentOf(ctx.db, appointment.id)).toBeUndefined();
  });

  it("audits a hold like any booking, and announces it so the jobs can time its release", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const appointment = await book(patient.id, doctor.id, hoursAfter(TEST_NOW, 1));
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, appointment.id), eq(auditLog.action, "appointment.booked")));
    expect(audit).toHaveLength(1);
    const outbox = await ctx.db.select().from(outboxEvents).where(eq(outboxEvents.name, "appointment/booked"));
    expect(outbox.some((row) => (row.payload as { appointmentId: string }).appointmentId === appointment.id)).toBe(true);
  });
});
