import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payments, refunds } from "@/db/schema";
import { walletBalances, walletHistory } from "@/db/queries/ledger";
import { bookAppointment, cancelAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { checkLedgerAfterEach } from "@/tests/ledger";
import { adminActor, appointmentsOfPatient, createDoctor, createPatient, insertAppointmentRow, localInstant, TEST_NOW } from "@/tests/factories";
import { adjustWalletBalance } from "@/lib/admin/wallet";

// Booking with "Pay from wallet balance" (issue #19): the debit and the
// appointment commit in one transaction, and a cancellation refunds by policy
// straight back to the wallet.

const db = useTestDb({ max: 24 });
const TUESDAY_10 = localInstant("2030-03-05", "10:00");

checkLedgerAfterEach(db);

async function patientWithBalance(minor: number) {
  const patient = await createPatient(db);
  await adjustWalletBalance(db, await adminActor(db), {
    patientId: patient.id,
    currency: "EUR",
    amountMinor: minor,
    reason: "Credit",
    requestId: randomUUID(),
  });
  return patient;
}

const balanceOf = async (patientId: string) => (await walletBalances(db, patientId)).find((row) => row.currency === "EUR")?.balanceMinor ?? 0;

describe("paying a booking from the wallet", () => {
  it("confirms at once, records the payment as paid from the wallet, and debits the balance", async () => {
    const patient = await patientWithBalance(10_000);
    const doctor = await createDoctor(db, { priceMinor: 6000 });
    const booked = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payWith: "wallet" }, TEST_NOW);
    expect(booked.status).toBe("confirmed");
    const [payment] = await db.select().from(payments).where(eq(payments.appointmentId, booked.id));
    expect(payment).toMatchObject({ provider: "wallet", status: "paid", amountMinor: 6000, currency: "EUR" });
    expect(await balanceOf(patient.id)).toBe(4000);
    expect((await walletHistory(db, patient.id))[0]).toMatchObject({ kind: "visit_payment", amountMinor: -6000, appointmentId: booked.id });
  });

  it("20 parallel bookings from a balance that covers 3: exactly 3 appointments and a zero balance, never negative", { timeout: 60_000 }, async () => {
    const patient = await patientWithBalance(3 * 4000);
    const doctors = await Promise.all(Array.from({ length: 20 }, () => createDoctor(db, { priceMinor: 4000 })));
    // Each at its own time (the patient's own no-overlap rule would otherwise decide), all at once.
    const startOf = (i: number) => new Date(localInstant(i < 16 ? "2030-03-07" : "2030-03-08", "09:00").getTime() + (i % 16) * 30 * 60_000);
    const outcomes = await Promise.allSettled(
      doctors.map((doctor, i) =>
        bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: startOf(i), reason: "", payWith: "wallet" }, TEST_NOW),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    const messages = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [(outcome.reason as Error).message] : []));
    expect(messages.every((message) => message.startsWith("Your wallet balance ("))).toBe(true);
    const active = (await appointmentsOfPatient(db, patient.id)).filter((row) => row.status !== "cancelled");
    expect(active).toHaveLength(3);
    expect(await balanceOf(patient.id)).toBe(0);
  });

  it("with too little balance nothing is booked, and the patient is told the shortfall", async () => {
    const patient = await patientWithBalance(2500);
    const doctor = await createDoctor(db, { priceMinor: 6000 });
    const refusal = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payWith: "wallet" },
      TEST_NOW,
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe("Your wallet balance (€25.00) does not cover this visit: €35.00 short. Nothing was booked.");
    expect(await appointmentsOfPatient(db, patient.id)).toEqual([]);
    expect(await balanceOf(patient.id)).toBe(2500);
  });
});

describe("cancelling a wallet-paid visit", () => {
  it("by the patient well ahead: refunded in full to the wallet at once", async () => {
    const patient = await patientWithBalance(6000);
    const doctor = await createDoctor(db, { priceMinor: 6000 });
    const booked = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payWith: "wallet" }, TEST_NOW);
    expect(await balanceOf(patient.id)).toBe(0);
    await cancelAppointment(db, { appointmentId: booked.id, actor: { id: patient.id, role: "patient" }, reason: "Feeling better" }, TEST_NOW);
    expect(await balanceOf(patient.id)).toBe(6000);
    const [payment] = await db.select().from(payments).where(eq(payments.appointmentId, booked.id));
    expect(payment).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    const [refund] = await db.select().from(refunds).where(eq(refunds.paymentId, payment!.id));
    expect(refund).toMatchObject({ status: "succeeded", amountMinor: 6000, stripeRefundId: null });
    expect((await walletHistory(db, patient.id))[0]).toMatchObject({ kind: "visit_refund", amountMinor: 6000 });
  });

  it("by the doctor: refunded in full to the wallet as well", async () => {
    const patient = await patientWithBalance(6000);
    const doctor = await createDoctor(db, { priceMinor: 6000 });
    const booked = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payWith: "wallet" }, TEST_NOW);
    await cancelAppointment(db, { appointmentId: booked.id, actor: { id: doctor.id, role: "doctor" }, reason: "Clinic closed" }, TEST_NOW);
    expect(await balanceOf(patient.id)).toBe(6000);
  });
});

describe("keeping a card payment as wallet credit", () => {
  it("credits the wallet at once and sends nothing to Stripe", async () => {
    const patient = await createPatient(db);
    const doctor = await createDoctor(db, { priceMinor: 6500 });
    const visit = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: TUESDAY_10,
      priceMinor: 6500,
      createdAt: new Date(TEST_NOW.getTime() - 86_400_000),
    });
    const [card] = await db
      .insert(payments)
      .values({
        appointmentId: visit.id,
        patientId: patient.id,
        doctorId: doctor.id,
        provider: "stripe",
        status: "paid",
        amountMinor: 6500,
        currency: "EUR",
        stripePaymentIntentId: `pi_test_${randomUUID().replaceAll("-", "")}`,
        paidAt: new Date(TEST_NOW.getTime() - 86_400_000),
      })
      .returning();
    await cancelAppointment(db, { appointmentId: visit.id, actor: { id: patient.id, role: "patient" }, reason: "Plans changed", refundTo: "wallet" }, TEST_NOW);
    expect(await balanceOf(patient.id)).toBe(6500);
    const [refund] = await db.select().from(refunds).where(eq(refunds.paymentId, card!.id));
    expect(refund).toMatchObject({ status: "succeeded", amountMinor: 6500, stripeRefundId: null, reason: "€65.00 kept as wallet credit." });
    const [after] = await db.select().from(payments).where(eq(payments.id, card!.id));
    expect(after).toMatchObject({ status: "refunded", refundedMinor: 6500 });
    expect((await walletHistory(db, patient.id))[0]).toMatchObject({ kind: "card_refund_to_wallet", amountMinor: 6500 });
  });

  it("is the patient's choice only: a doctor's cancellation refunds to the card as before", async () => {
    const patient = await createPatient(db);
    const doctor = await createDoctor(db, { priceMinor: 6500 });
    const visit = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: TUESDAY_10, priceMinor: 6500 });
    await db.insert(payments).values({
      appointmentId: visit.id,
      patientId: patient.id,
      doctorId: doctor.id,
      provider: "stripe",
      status: "paid",
      amountMinor: 6500,
      currency: "EUR",
      stripePaymentIntentId: `pi_test_${randomUUID().replaceAll("-", "")}`,
      paidAt: TEST_NOW,
    });
    await cancelAppointment(
      db,
      { appointmentId: visit.id, actor: { id: doctor.id, role: "doctor" }, reason: "Clinic closed", refundTo: "wallet" },
      TEST_NOW,
    ).catch(() => {});
    expect(await balanceOf(patient.id)).toBe(0);
  });
});
