import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";
import { emailsOf } from "../testing/events";
import { insertPayment } from "../testing/payments";
import { sendPaymentReceipt } from "./send-payment-receipt";

const db = useTestDb({ max: 3 });

async function paidVisit(status: "paid" | "requires_payment") {
  const doctor = await createDoctor(db, { fullName: "Dr. Receipt" });
  const patient = await createPatient(db, { timeZone: "Europe/London" });
  const appointment = await insertAppointmentRow(db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: localInstant("2030-03-05", "10:00"),
    priceMinor: 8550,
    currency: "EUR",
  });
  const payment = await insertPayment(db, appointment, { status, paidAt: status === "paid" ? new Date("2030-03-04T08:30:00Z") : null });
  return { patient, appointment, payment };
}

const run = (data: { appointmentId: string; paymentId: string }) =>
  new InngestTestEngine({ function: sendPaymentReceipt, events: [{ name: "payment/paid", data }] }).execute();

describe("send-payment-receipt", () => {
  it("sends the patient a receipt for a completed payment, in the patient's zone", async () => {
    const { patient, appointment, payment } = await paidVisit("paid");

    const { result } = await run({ appointmentId: appointment.id, paymentId: payment.id });

    expect(result).toMatchObject({ receipt: { outcome: "stored" } });
    const [email] = await emailsOf(db, appointment.id);
    expect(email).toMatchObject({ template: "payment-receipt", toAddress: patient.email, subject: "Receipt: €85.50 paid to Dr. Receipt" });
    expect(email.text).toContain("Monday 4 March 2030, 08:30, London time (UTC+0)");
    expect(email.text).toContain(payment.id);
  });

  it("sends nothing for a payment that was not taken, and never a second receipt", async () => {
    const unpaid = await paidVisit("requires_payment");
    expect((await run({ appointmentId: unpaid.appointment.id, paymentId: unpaid.payment.id })).result).toMatchObject({ receipt: { outcome: "skipped" } });
    expect(await emailsOf(db, unpaid.appointment.id)).toEqual([]);

    const paid = await paidVisit("paid");
    await run({ appointmentId: paid.appointment.id, paymentId: paid.payment.id });
    expect((await run({ appointmentId: paid.appointment.id, paymentId: paid.payment.id })).result).toMatchObject({
      receipt: { outcome: "skipped", reason: "already sent" },
    });
    expect(await emailsOf(db, paid.appointment.id)).toHaveLength(1);
  });
});
