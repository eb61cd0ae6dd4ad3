import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, payments } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, getAppointment, insertAppointmentRow, localInstant } from "@/tests/factories";
import { bookedEvent } from "../testing/events";
import { insertPayment } from "../testing/payments";
import { expirePaymentHold } from "./expire-payment-hold";

const db = useTestDb({ max: 3 });

const MINUTE = 60_000;

/** A pending_payment hold whose time ran out a minute ago (the sleep is mocked), with its unpaid checkout. */
async function lapsedHold() {
  const doctor = await createDoctor(db);
  const patient = await createPatient(db);
  const hold = await insertAppointmentRow(db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: localInstant("2030-03-05", "09:00"),
    status: "pending_payment",
    holdExpiresAt: new Date(Date.now() - MINUTE),
  });
  const payment = await insertPayment(db, hold, { status: "requires_payment", paidAt: null });
  return { hold, payment };
}

const paymentStatus = async (id: string) => (await db.select({ status: payments.status }).from(payments).where(eq(payments.id, id)))[0].status;

describe("expire-payment-hold", () => {
  it("sleeps until the hold ends, then releases the slot and expires the unpaid payment", async () => {
    const { hold, payment } = await lapsedHold();

    const { result, ctx } = await new InngestTestEngine({
      function: expirePaymentHold,
      events: [bookedEvent(hold)],
      steps: [{ id: "wait-for-hold-expiry", handler: () => undefined }],
    }).execute();

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-hold-expiry", hold.holdExpiresAt);
    expect(result).toEqual({ appointmentId: hold.id, released: true, status: "cancelled" });
    expect(await getAppointment(db, hold.id)).toMatchObject({ status: "cancelled", cancelledBy: "system" });
    expect(await paymentStatus(payment.id)).toBe("expired");
  });

  it("leaves the booking alone when the webhook confirmed the payment during the sleep", async () => {
    const { hold, payment } = await lapsedHold();
    const webhookConfirms = async () => {
      await db.update(payments).set({ status: "paid", paidAt: new Date() }).where(eq(payments.id, payment.id));
      await db.update(appointments).set({ status: "confirmed" }).where(eq(appointments.id, hold.id));
    };

    const { result } = await new InngestTestEngine({
      function: expirePaymentHold,
      events: [bookedEvent(hold)],
      steps: [{ id: "wait-for-hold-expiry", handler: webhookConfirms }],
    }).execute();

    expect(result).toEqual({ appointmentId: hold.id, released: false, status: "confirmed" });
    expect((await getAppointment(db, hold.id)).status).toBe("confirmed");
    expect(await paymentStatus(payment.id)).toBe("paid");
    expect(Reflect.get(expirePaymentHold, "opts").cancelOn).toContainEqual({
      event: expect.objectContaining({ name: "appointment/confirmed" }),
      match: "data.appointmentId",
    });
  });

  it("does nothing for a booking that was confirmed from the start", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const booking = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-03-05", "10:00") });

    const { result, ctx } = await new InngestTestEngine({ function: expirePaymentHold, events: [bookedEvent(booking)] }).execute();

    expect(result).toEqual({ appointmentId: booking.id, released: false, reason: "not held for payment" });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
  });
});
