// Each admin setting changes what the services do, proven at values other
// than the migration's defaults. The settings row is shared by every test file
// running in parallel, so every change here happens inside a transaction that
// is rolled back, and the services get that transaction as their database.
// Services that reach the database through getDb() (the payment terms, the
// Inngest function) are pointed at the same transaction by the mock below.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import type { SettingsValues } from "@/db/queries/settings";
import { appSettings } from "@/db/schema";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { openCheckout } from "@/lib/payments/checkout";
import { bookingPaymentTerms } from "@/lib/payments/terms";
import { getDoctorForRequest } from "@/lib/profiles/doctor-page";
import { TUESDAY_10, doctorAndPatient, paidAppointment, paymentOf, refundsOf, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import { bookedEvent, emailsOf } from "@/inngest/testing/events";
import { scheduleAppointmentReminder } from "@/inngest/functions/schedule-appointment-reminder";
import {
  TEST_NOW,
  createDoctor,
  createPatient,
  getAppointment,
  hoursAfter,
  hoursBefore,
  inRolledBackTransaction,
  insertAppointmentRow,
  localInstant,
  rejectionOf,
} from "@/tests/factories";

const gateway = vi.hoisted(() => ({ db: undefined as Db | undefined }));
vi.mock("@/lib/db", () => {
  const inTransaction = () => {
    if (!gateway.db) throw new Error("getDb() called outside a test's transaction");
    return gateway.db;
  };
  // The public doctor page reads through getReadDb() (the replica, or the primary without one): here, the same transaction.
  return { getDb: inTransaction, getReadDb: inTransaction };
});

const ctx = setUpPaymentTests();
const MINUTE = 60_000;
const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE);

/** Runs `work` with these settings in a rolled-back transaction that every service, getDb() included, uses. */
async function withSettings(values: Partial<SettingsValues>, work: (tx: Db, set: (values: Partial<SettingsValues>) => Promise<void>) => Promise<void>) {
  await inRolledBackTransaction(ctx.db, async (tx) => {
    const set = async (next: Partial<SettingsValues>) => {
      await tx.update(appSettings).set(next).where(eq(appSettings.id, 1));
    };
    await set(values);
    gateway.db = tx;
    try {
      await work(tx, set);
    } finally {
      gateway.db = undefined;
    }
  });
}

const patientCancel = (db: Db, appointment: { id: string; patientId: string }, now: Date) =>
  cancelAppointment(db, { appointmentId: appointment.id, actor: { id: appointment.patientId, role: "patient" }, reason: "Cannot come" }, now);

describe("the cancellation window", () => {
  it("decides the same patient cancellation at the same moment: refused under 24 h, allowed once the window is 12 h", async () => {
    await withSettings({ cancellationWindowHours: 24 }, async (tx, set) => {
      const appointment = await insertAppointmentRow(tx, {
        doctorId: (await createDoctor(tx)).id,
        patientId: (await createPatient(tx)).id,
        startsAt: hoursAfter(TEST_NOW, 20),
      });

      const refused = (await rejectionOf(patientCancel(tx, appointment, TEST_NOW))) as AppError;
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "conflict", message: "Appointments can be cancelled or rescheduled up to 24 hours before the start." });
      expect(await getAppointment(tx, appointment.id)).toMatchObject({ status: "confirmed" });

      await set({ cancellationWindowHours: 12 });
      await patientCancel(tx, appointment, TEST_NOW);
      expect(await getAppointment(tx, appointment.id)).toMatchObject({ status: "cancelled", cancelledBy: "patient" });
    });
  });

  it("a window longer than the default refuses a cancellation the default would allow", async () => {
    await withSettings({ cancellationWindowHours: 36 }, async (tx) => {
      const appointment = await insertAppointmentRow(tx, {
        doctorId: (await createDoctor(tx)).id,
        patientId: (await createPatient(tx)).id,
        startsAt: hoursAfter(TEST_NOW, 30),
      });
      const refused = (await rejectionOf(patientCancel(tx, appointment, TEST_NOW))) as AppError;
      expect(refused).toMatchObject({ code: "conflict", message: "Appointments can be cancelled or rescheduled up to 36 hours before the start." });
      expect(await getAppointment(tx, appointment.id)).toMatchObject({ status: "confirmed" });
    });
  });
});

describe("the cancellation window, for a patient's reschedule", () => {
  it("a 36 h window refuses moving a visit 25 h ahead; back at 24 h the same move goes through", async () => {
    await withSettings({ cancellationWindowHours: 36 }, async (tx, set) => {
      const [doctor, patient] = [await createDoctor(tx), await createPatient(tx)];
      const tuesday10 = localInstant("2030-03-05", "10:00"); // 25 hours after TEST_NOW
      const booked = await insertAppointmentRow(tx, { doctorId: doctor.id, patientId: patient.id, startsAt: tuesday10 });
      const move = () =>
        rescheduleAppointment(
          tx,
          { appointmentId: booked.id, actor: { id: patient.id, role: "patient" }, newStartsAt: localInstant("2030-03-07", "14:00") },
          TEST_NOW,
        );

      expect(await rejectionOf(move())).toMatchObject({
        code: "conflict",
        message: "Appointments can be cancelled or rescheduled up to 36 hours before the start.",
      });
      expect(await getAppointment(tx, booked.id)).toMatchObject({ status: "confirmed" });

      await set({ cancellationWindowHours: 24 });
      const moved = await move();
      expect(moved).toMatchObject({ status: "confirmed", rescheduledFromId: booked.id });
      expect(await getAppointment(tx, booked.id)).toMatchObject({ status: "cancelled", cancellationReason: "Rescheduled" });
    });
  });
});

describe("the full-refund notice", () => {
  async function paidFor(tx: Db) {
    const { doctor, patient } = await doctorAndPatient(tx);
    // Booked an hour before: past the grace period after booking, so the refund settings alone decide.
    return paidAppointment(tx, { doctorId: doctor.id, patientId: patient.id, startsAt: TUESDAY_10, now: new Date(TEST_NOW.getTime() - 3_600_000) });
  }

  it("cancelling 25 h ahead refunds in full with 24 h notice and nothing with 48 h", async () => {
    await withSettings({ patientFullRefundHours: 24 }, async (tx, set) => {
      const full = await paidFor(tx);
      await patientCancel(tx, full.appointment, hoursBefore(TUESDAY_10, 25));
      expect(await refundsOf(tx, full.payment.id)).toEqual([expect.objectContaining({ amountMinor: 6000, status: "succeeded", requestedByRole: "patient" })]);
      expect(await paymentOf(tx, full.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });

      await set({ patientFullRefundHours: 48 });
      const none = await paidFor(tx);
      await patientCancel(tx, none.appointment, hoursBefore(TUESDAY_10, 25));
      expect(await getAppointment(tx, none.appointment.id)).toMatchObject({ status: "cancelled" });
      expect(await refundsOf(tx, none.payment.id)).toEqual([]);
      expect(await paymentOf(tx, none.appointment.id)).toMatchObject({ status: "paid", refundedMinor: 0 });
    });
  });

  it("cancelling 20 h ahead (12 h cancellation window) refunds nothing with 24 h notice and in full with 12 h", async () => {
    await withSettings({ cancellationWindowHours: 12, patientFullRefundHours: 24 }, async (tx, set) => {
      const none = await paidFor(tx);
      await patientCancel(tx, none.appointment, hoursBefore(TUESDAY_10, 20));
      expect(await refundsOf(tx, none.payment.id)).toEqual([]);

      await set({ patientFullRefundHours: 12 });
      const full = await paidFor(tx);
      await patientCancel(tx, full.appointment, hoursBefore(TUESDAY_10, 20));
      const [refund] = await refundsOf(tx, full.payment.id);
      expect(refund).toMatchObject({ amountMinor: 6000, status: "succeeded" });
      expect(refund.reason).toMatch(/at least 12 hours before the start, so the full amount is refunded/);
    });
  });
});

describe("the payment hold", () => {
  it("a 45-minute hold expires 45 minutes after booking, keeps the slot until then, and sets the Checkout Session's expiry", async () => {
    await withSettings({ paymentHoldMinutes: 45 }, async (tx) => {
      const { doctor, patient } = await doctorAndPatient(tx);
      const held = await bookAppointment(tx, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "Check-up" }, TEST_NOW);
      expect(held).toMatchObject({ status: "pending_payment", holdExpiresAt: minutesAfter(TEST_NOW, 45) });

      const { sessionId } = await openCheckout(tx, { appointmentId: held.id, patientId: patient.id }, TEST_NOW);
      const [create] = ctx.fake
        .requestsTo("POST", "/v1/checkout/sessions")
        .filter((r) => r.path === "/v1/checkout/sessions" && r.form["metadata[appointmentId]"] === held.id);
      expect(Number(create.form.expires_at)).toBe(minutesAfter(TEST_NOW, 45).getTime() / 1000);

      // At 44 minutes the default 30-minute hold would have lapsed; this one still holds the slot.
      const other = await createPatient(tx);
      const book = (now: Date) => bookAppointment(tx, { patientId: other.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "Check-up" }, now);
      expect(((await rejectionOf(book(minutesAfter(TEST_NOW, 44)))) as AppError).code).toBe("slot_taken");
      const taken = await book(minutesAfter(TEST_NOW, 45));
      expect(taken.patientId).toBe(other.id);
      expect(await getAppointment(tx, held.id)).toMatchObject({ status: "cancelled" });
      expect(ctx.fake.requestsTo("POST", `/v1/checkout/sessions/${sessionId}/expire`)).toHaveLength(1);
    });
  });

  it("the booking panel tells the patient the hold time the admin set", async () => {
    await withSettings({ paymentHoldMinutes: 90 }, async (tx) => {
      const { doctor } = await doctorAndPatient(tx);
      const terms = await bookingPaymentTerms(await getDoctorForRequest(doctor.id), "Pay at the clinic.");
      expect(terms.mode).toBe("stripe");
      expect(terms.note).toContain("We hold this time for you for 90 minutes while you pay");
    });
  });
});

describe("the reminder lead time", () => {
  const startsAt = new Date("2030-04-10T09:00:00Z");

  function runReminder(appointment: { id: string; doctorId: string; patientId: string; startsAt: Date }) {
    return new InngestTestEngine({
      function: scheduleAppointmentReminder,
      events: [bookedEvent(appointment, TEST_NOW)],
      steps: [{ id: "wait-for-reminder-time", handler: async () => undefined }],
    }).execute();
  }

  it.each([
    [120, "2030-04-10T07:00:00.000Z"],
    [1440, "2030-04-09T09:00:00.000Z"],
    [4320, "2030-04-07T09:00:00.000Z"],
  ])("with a lead of %i minutes the reminder sleeps until %s, then is sent", async (leadMinutes, expected) => {
    await withSettings({ reminderLeadMinutes: leadMinutes }, async (tx) => {
      const appointment = await insertAppointmentRow(tx, { doctorId: (await createDoctor(tx)).id, patientId: (await createPatient(tx)).id, startsAt });
      const { ctx: run, result } = await runReminder(appointment);
      expect(run.step.sleepUntil).toHaveBeenCalledWith("wait-for-reminder-time", new Date(expected));
      expect(result).toMatchObject({ sendAt: expected, reminder: { outcome: "stored" } });
      expect((await emailsOf(tx, appointment.id)).map((email) => email.template)).toEqual(["appointment-reminder"]);
    });
  });

  it("a lead of zero switches reminders off: no sleep, no email", async () => {
    await withSettings({ reminderLeadMinutes: 0 }, async (tx) => {
      const appointment = await insertAppointmentRow(tx, { doctorId: (await createDoctor(tx)).id, patientId: (await createPatient(tx)).id, startsAt });
      const { ctx: run, result } = await runReminder(appointment);
      expect(run.step.sleepUntil).not.toHaveBeenCalled();
      expect(result).toMatchObject({ sendAt: null, reminder: { outcome: "skipped" } });
      expect(await emailsOf(tx, appointment.id)).toEqual([]);
    });
  });
});
