import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";
import { emailsOf } from "../testing/events";
import { insertPayment, insertRefund } from "../testing/payments";
import { sendRefundNotice } from "./send-refund-notice";

const db = useTestDb({ max: 3 });

async function refundedVisit(refundStatus: "succeeded" | "failed") {
  const doctor = await createDoctor(db);
  const patient = await createPatient(db);
  const appointment = await insertAppointmentRow(db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: localInstant("2030-03-05", "10:00"),
    status: "cancelled",
  });
  const payment = await insertPayment(db, appointment, { status: "refunded", refundedMinor: 6000 });
  const refund = await insertRefund(db, payment.id, { amountMinor: 6000, status: refundStatus });
  return { patient, appointment, payment, refund };
}

const run = (data: { paymentId: string; appointmentId: string; refundId: string; amountMinor: number }) =>
  new InngestTestEngine({ function: sendRefundNotice, events: [{ name: "payment/refunded", data }] }).execute();

describe("send-refund-notice", () => {
  it("tells the patient how much is coming back and why", async () => {
    const { patient, appointment, payment, refund } = await refundedVisit("succeeded");

    const { result } = await run({ paymentId: payment.id, appointmentId: appointment.id, refundId: refund.id, amountMinor: 6000 });

    expect(result).toMatchObject({ notice: { outcome: "stored" } });
    const [email] = await emailsOf(db, appointment.id);
    expect(email).toMatchObject({ template: "refund-notice", toAddress: patient.email, subject: "Refund of €60.00 on its way" });
    expect(email.text).toContain("Cancelled by the clinic");
  });

  it("says nothing about a refund that failed", async () => {
    const { appointment, payment, refund } = await refundedVisit("failed");
    expect((await run({ paymentId: payment.id, appointmentId: appointment.id, refundId: refund.id, amountMinor: 6000 })).result).toMatchObject({
      notice: { outcome: "skipped", reason: "refund failed" },
    });
    expect(await emailsOf(db, appointment.id)).toEqual([]);
  });
});
