// One table of cases, one per Inngest function: what to set up, the event
// that starts it, and what must be true afterwards. The same table runs under
// @inngest/test and under the local runner (inngest/local/every-function.test.ts).
import { and, eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { getBookableDoctor } from "@/db/queries/profiles";
import { doctorFreeTime, emails, outboxEvents, reports, signInThrottle } from "@/db/schema";
import { adjustWalletBalance } from "@/lib/admin/wallet";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { buildFigures } from "@/lib/reports/figures";
import { firstFreeSlot } from "@/lib/search/first-slot";
import { TEST_NOW, createAdmin, createDoctor, createPatient, getAppointment, insertAppointmentRow, localInstant } from "@/tests/factories";
import { bookedEvent, cancelledEvent, emailsOf, rescheduledEvent } from "./events";
import { insertPayment, insertRefund } from "./payments";

type Event = { name: string; data: Record<string, unknown>; ts?: number };

export interface FunctionCase {
  functionId: string;
  /** Sleep steps the function may take; @inngest/test mocks them, the local runner lets their time pass. */
  sleeps?: string[];
  setup: (db: Db) => Promise<{ event: Event; check: (output: unknown) => Promise<void> }>;
}

async function pair(db: Db) {
  return { doctor: await createDoctor(db), patient: await createPatient(db) };
}

/** A confirmed visit on 5 March 2030 at `time`, Berlin, booked through the service (so its events are the real ones). */
async function bookAt(db: Db, time: string) {
  const { doctor, patient } = await pair(db);
  const appointment = await bookAppointment(
    db,
    { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-05", time), reason: "Check-up" },
    TEST_NOW,
  );
  return { doctor, patient, appointment };
}

const templatesOf = async (db: Db, appointmentId: string) => (await emailsOf(db, appointmentId)).map((email) => email.template).sort();

export const functionCases: FunctionCase[] = [
  {
    functionId: "send-booking-confirmation",
    async setup(db) {
      const { appointment } = await bookAt(db, "10:00");
      return {
        event: bookedEvent(appointment, TEST_NOW),
        check: async (output) => {
          expect(output).toMatchObject({ patient: { outcome: "stored" }, doctor: { outcome: "stored" } });
          expect((await templatesOf(db, appointment.id)).filter((t) => t.startsWith("booking-"))).toEqual([
            "booking-confirmation-doctor",
            "booking-confirmation-patient",
          ]);
        },
      };
    },
  },
  {
    functionId: "send-cancellation-notice",
    async setup(db) {
      const { doctor, appointment } = await bookAt(db, "11:00");
      await cancelAppointment(db, { appointmentId: appointment.id, actor: { id: doctor.id, role: "doctor" }, reason: "Doctor away" }, TEST_NOW);
      return {
        event: cancelledEvent(appointment.id, "doctor", "Doctor away"),
        check: async (output) => {
          expect(output).toMatchObject({ patient: { outcome: "stored" }, doctor: { outcome: "stored" } });
          expect((await templatesOf(db, appointment.id)).filter((t) => t.startsWith("appointment-cancelled"))).toEqual([
            "appointment-cancelled-doctor",
            "appointment-cancelled-patient",
          ]);
        },
      };
    },
  },
  {
    functionId: "send-reschedule-notice",
    async setup(db) {
      const { patient, appointment: original } = await bookAt(db, "12:00");
      const moved = await rescheduleAppointment(
        db,
        { appointmentId: original.id, actor: { id: patient.id, role: "patient" }, newStartsAt: localInstant("2030-03-06", "12:00") },
        TEST_NOW,
      );
      return {
        event: rescheduledEvent(moved, original.startsAt, TEST_NOW),
        check: async (output) => {
          expect(output).toMatchObject({ patient: { outcome: "stored" }, doctor: { outcome: "stored" } });
          expect((await templatesOf(db, moved.id)).filter((t) => t.startsWith("appointment-rescheduled"))).toEqual([
            "appointment-rescheduled-doctor",
            "appointment-rescheduled-patient",
          ]);
        },
      };
    },
  },
  {
    functionId: "schedule-appointment-reminder",
    sleeps: ["wait-for-reminder-time"],
    async setup(db) {
      const { appointment } = await bookAt(db, "14:00");
      return {
        event: bookedEvent(appointment, TEST_NOW),
        check: async (output) => {
          expect(output).toMatchObject({ sendAt: "2030-03-04T13:00:00.000Z", reminder: { outcome: "stored" } });
          expect((await templatesOf(db, appointment.id)).filter((t) => t === "appointment-reminder")).toEqual(["appointment-reminder"]);
        },
      };
    },
  },
  {
    functionId: "send-payment-receipt",
    async setup(db) {
      const { doctor, patient } = await pair(db);
      const appointment = await insertAppointmentRow(db, {
        doctorId: doctor.id,
        patientId: patient.id,
        startsAt: localInstant("2030-03-05", "10:00"),
        priceMinor: 8550,
        currency: "EUR",
      });
      const payment = await insertPayment(db, appointment);
      return {
        event: { name: "payment/paid", data: { paymentId: payment.id, appointmentId: appointment.id } },
        check: async (output) => {
          expect(output).toMatchObject({ receipt: { outcome: "stored" } });
          expect(await templatesOf(db, appointment.id)).toEqual(["payment-receipt"]);
        },
      };
    },
  },
  {
    functionId: "send-refund-notice",
    async setup(db) {
      const { doctor, patient } = await pair(db);
      const appointment = await insertAppointmentRow(db, {
        doctorId: doctor.id,
        patientId: patient.id,
        startsAt: localInstant("2030-03-05", "10:00"),
        status: "cancelled",
      });
      const payment = await insertPayment(db, appointment, { status: "refunded", refundedMinor: 6000 });
      const refund = await insertRefund(db, payment.id, { amountMinor: 6000 });
      return {
        event: { name: "payment/refunded", data: { paymentId: payment.id, appointmentId: appointment.id, refundId: refund.id, amountMinor: 6000 } },
        check: async (output) => {
          expect(output).toMatchObject({ notice: { outcome: "stored" } });
          expect(await templatesOf(db, appointment.id)).toEqual(["refund-notice"]);
        },
      };
    },
  },
  {
    functionId: "send-late-payment-refund-notice",
    async setup(db) {
      const { doctor, patient } = await pair(db);
      const appointment = await insertAppointmentRow(db, {
        doctorId: doctor.id,
        patientId: patient.id,
        startsAt: localInstant("2030-03-05", "10:00"),
        status: "cancelled",
      });
      const payment = await insertPayment(db, appointment);
      const refund = await insertRefund(db, payment.id, { amountMinor: 6000, status: "pending" });
      return {
        event: { name: "payment/late-refund.recorded", data: { paymentId: payment.id, appointmentId: appointment.id, refundId: refund.id, amountMinor: 6000 } },
        check: async (output) => {
          expect(output).toMatchObject({ notice: { outcome: "stored" } });
          expect(await templatesOf(db, appointment.id)).toEqual(["payment-late-refund"]);
        },
      };
    },
  },
  {
    functionId: "expire-payment-hold",
    sleeps: ["wait-for-hold-expiry"],
    async setup(db) {
      const { doctor, patient } = await pair(db);
      const hold = await insertAppointmentRow(db, {
        doctorId: doctor.id,
        patientId: patient.id,
        startsAt: localInstant("2030-03-05", "09:00"),
        status: "pending_payment",
        holdExpiresAt: new Date(Date.now() - 60_000),
      });
      await insertPayment(db, hold, { status: "requires_payment", paidAt: null });
      return {
        event: bookedEvent(hold),
        check: async (output) => {
          expect(output).toEqual({ appointmentId: hold.id, released: true, status: "cancelled" });
          expect(await getAppointment(db, hold.id)).toMatchObject({ status: "cancelled", cancelledBy: "system" });
        },
      };
    },
  },
  {
    functionId: "generate-monthly-reports",
    async setup(db) {
      const { doctor, patient } = await pair(db);
      await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2020-06-12", "10:00"), status: "completed" });
      return {
        event: { name: "reports/month.requested", data: { month: "2020-06" } },
        check: async (output) => {
          expect(output).toMatchObject({ month: "2020-06", announced: 0 });
          const rows = await db
            .select()
            .from(reports)
            .where(and(eq(reports.doctorId, doctor.id), eq(reports.month, "2020-06-01")));
          expect(rows).toHaveLength(1);
        },
      };
    },
  },
  {
    functionId: "send-monthly-report-email",
    async setup(db) {
      const doctor = await createDoctor(db, { fullName: "Dr. Monthly" });
      const figures = buildFigures({
        month: "2030-05",
        timeZone: "Europe/Berlin",
        generatedAt: new Date("2030-06-01T03:00:00Z"),
        appointments: { total: 1, pending_payment: 0, confirmed: 0, completed: 1, cancelled: 0, no_show: 0, rescheduled: 0, patients: 1 },
        weekdays: [],
        money: [],
        rating: { rating_sum: 0, rating_count: 0 },
      });
      const [report] = await db.insert(reports).values({ kind: "doctor_monthly", doctorId: doctor.id, month: "2030-05-01", figures }).returning();
      return {
        event: { name: "reports/doctor-report.ready", data: { reportId: report.id, doctorId: doctor.id, month: "2030-05-01" } },
        check: async (output) => {
          expect(output).toMatchObject({ email: { outcome: "stored" } });
          const sent = await db
            .select()
            .from(emails)
            .where(and(eq(emails.userId, doctor.id), eq(emails.template, "monthly-report")));
          expect(sent.map((email) => email.subject)).toEqual(["Your Careslot report for May 2030"]);
        },
      };
    },
  },
  {
    functionId: "send-verification-email",
    async setup(db) {
      const doctor = await createDoctor(db, { verificationStatus: "rejected" });
      return {
        event: { name: "doctor/rejected", data: { doctorId: doctor.id, reason: "The licence scan is unreadable." } },
        check: async (output) => {
          expect(output).toMatchObject({ email: { outcome: "stored" } });
          const sent = await db.select().from(emails).where(eq(emails.userId, doctor.id));
          expect(sent.map((email) => [email.template, email.subject])).toEqual([["doctor-rejected", "Your Careslot verification needs attention"]]);
        },
      };
    },
  },
  {
    functionId: "send-two-factor-reset-notice",
    async setup(db) {
      const doctor = await createDoctor(db);
      return {
        event: { name: "account/two-factor.reset", data: { userId: doctor.id } },
        check: async (output) => {
          expect(output).toMatchObject({ email: { outcome: "stored" } });
          const sent = await db.select().from(emails).where(eq(emails.userId, doctor.id));
          expect(sent.map((email) => [email.template, email.subject])).toEqual([
            ["two-factor-reset", "Two-factor authentication was reset on your Careslot account"],
          ]);
        },
      };
    },
  },
  {
    functionId: "send-review-reply-notice",
    async setup(db) {
      const { doctor, patient } = await pair(db);
      const reviewId = crypto.randomUUID();
      return {
        event: { name: "review/replied", data: { reviewId, patientId: patient.id, doctorId: doctor.id } },
        check: async (output) => {
          expect(output).toMatchObject({ reviewId, notice: { outcome: "stored" } });
          const sent = await db.select().from(emails).where(eq(emails.userId, patient.id));
          expect(sent.map((email) => [email.template, email.kind, email.subject])).toEqual([
            ["review-reply", "review_replies", "Dr. Test replied to your review"],
          ]);
        },
      };
    },
  },
  {
    functionId: "sweep-outbox",
    async setup(db) {
      const waiting = await enqueueOutboxEvent(db, "appointment/cancelled", {
        appointmentId: crypto.randomUUID(),
        cancelledBy: "admin",
        reason: "left by a crashed server",
      });
      return {
        event: { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } },
        check: async (output) => {
          expect(output).toMatchObject({ failed: 0 });
          const [row] = await db
            .select({ status: outboxEvents.status })
            .from(outboxEvents)
            .where(inArray(outboxEvents.id, [waiting]));
          expect(row.status).toBe("sent");
        },
      };
    },
  },
  {
    functionId: "send-wallet-email",
    async setup(db) {
      const patient = await createPatient(db);
      const admin = await createAdmin(db);
      const { transactionId } = await adjustWalletBalance(
        db,
        { id: admin.id, role: "admin" },
        { patientId: patient.id, currency: "EUR", amountMinor: 2500, reason: "Goodwill after a late doctor", requestId: crypto.randomUUID() },
      );
      return {
        event: { name: "wallet/movement.recorded", data: { transactionId } },
        check: async (output) => {
          expect(output).toMatchObject({ transactionId, email: { outcome: "stored" } });
          const sent = await db.select().from(emails).where(eq(emails.userId, patient.id));
          expect(sent.map((email) => [email.template, email.subject])).toEqual([["wallet-adjusted", "Your Careslot wallet was credited €25.00"]]);
          expect(sent[0].text).toContain("Goodwill after a late doctor");
        },
      };
    },
  },
  {
    functionId: "refresh-free-time",
    async setup(db) {
      // A new doctor's row is stale until computed; the run writes the engine's first free slot.
      const doctor = await createDoctor(db);
      return {
        event: { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } },
        check: async (output) => {
          expect(output).toMatchObject({ refreshed: expect.any(Number), raced: expect.any(Number) });
          const [row] = await db.select().from(doctorFreeTime).where(eq(doctorFreeTime.doctorId, doctor.id));
          expect(row!.computedVersion).toBe(row!.version);
          const bookable = (await getBookableDoctor(db, doctor.id))!;
          const slot = await firstFreeSlot(db, bookable, { now: new Date(), viewerTimeZone: "UTC" });
          expect(row!.nextFreeAt?.toISOString()).toBe(slot?.startsAt.toISOString());
        },
      };
    },
  },
  {
    functionId: "purge-expired-data",
    async setup(db) {
      const longAgo = new Date(Date.now() - 200 * 86_400_000);
      const [email] = await db
        .insert(emails)
        .values({
          toAddress: "old@careslot.test",
          subject: "Reset your password",
          template: "password-reset",
          html: "<p>token</p>",
          text: "token",
          provider: "resend",
          status: "sent",
          createdAt: longAgo,
        })
        .returning({ id: emails.id });
      const emailKey = `idle-${email!.id}@careslot.test`;
      await db.insert(signInThrottle).values({ emailKey, failures: 2, windowStartedAt: longAgo, updatedAt: longAgo });
      return {
        event: { name: "inngest/scheduled.timer", data: { cron: "30 3 * * *" } },
        check: async (output) => {
          expect(output).toMatchObject({ emailBodies: expect.any(Number), signInRecords: expect.any(Number) });
          const [row] = await db.select({ html: emails.html, text: emails.text, subject: emails.subject }).from(emails).where(eq(emails.id, email!.id));
          expect(row).toEqual({ html: "", text: "", subject: "Reset your password" });
          expect(await db.select().from(signInThrottle).where(eq(signInThrottle.emailKey, emailKey))).toEqual([]);
        },
      };
    },
  },
];
