import { InngestTestEngine } from "@inngest/test";
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDoctor, rejectDoctor } from "@/lib/admin/doctors";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { useTestDb } from "@/tests/db";
import type { Db } from "@/db/client";
import { TEST_NOW, TEST_NOW as NOW, adminActor, createDoctor, createPatient, localInstant, makeReadyForVerification } from "@/tests/factories";
import { sendBookingConfirmation } from "@/inngest/functions/send-booking-confirmation";
import { scheduleAppointmentReminder } from "@/inngest/functions/schedule-appointment-reminder";
import { sendCancellationNotice } from "@/inngest/functions/send-cancellation-notice";
import { sendRescheduleNotice } from "@/inngest/functions/send-reschedule-notice";
import { sendVerificationEmail } from "@/inngest/functions/send-verification-email";
import { startResendCapture, type CapturedEmail } from "@/inngest/testing/capture-resend";
import { bookedEvent, cancelledEvent, emailsOf, rescheduledEvent } from "@/inngest/testing/events";
import { runFromOutbox } from "@/inngest/testing/outbox";

// The real Resend SDK, pointed at a local capture server: what would go to
// Resend is exactly what is checked here. Calendar files are read back with
// node-ical, never by matching their text.

const db = useTestDb({ max: 3 });
let resend: Awaited<ReturnType<typeof startResendCapture>>;

beforeAll(async () => {
  resend = await startResendCapture();
  // Read when the mailer first validates the environment and builds a Resend client: set before any send.
  process.env.RESEND_API_KEY = "re_test_capture_key";
  process.env.RESEND_BASE_URL = resend.url;
});

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await resend?.stop();
});

function sentTo(address: string): CapturedEmail[] {
  return resend.emails.filter((email) => [email.body.to].flat().includes(address));
}

/** The one VEVENT of an attached calendar file, parsed, and its METHOD. */
function calendarOf(email: CapturedEmail) {
  const [attachment] = email.body.attachments ?? [];
  expect(attachment).toBeDefined();
  const parsed = ical.sync.parseICS(Buffer.from(attachment.content, "base64").toString("utf8"));
  const events = Object.values(parsed).filter((item): item is VEvent => item?.type === "VEVENT");
  expect(events).toHaveLength(1);
  const calendar = parsed.vcalendar as unknown as { method?: string } | undefined;
  return { event: events[0], method: calendar?.method, attachment };
}

type TestedFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"];
const run = (fn: TestedFunction, event: object, steps: { id: string; handler: () => unknown }[] = []) =>
  new InngestTestEngine({ function: fn, events: [event as never], steps }).execute();

describe("emails through Resend", () => {
  it("confirmation, move and cancellation: same calendar UID, rising SEQUENCE, UTC start, REQUEST then CANCEL", async () => {
    const doctor = await createDoctor(db, { fullName: "Dr. Resend" });
    const patient = await createPatient(db, { timeZone: "America/New_York" });
    const firstStart = localInstant("2030-03-05", "10:00");
    const booked = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: firstStart, reason: "Check-up" }, TEST_NOW);

    await run(sendBookingConfirmation, bookedEvent(booked));
    const [toPatient] = sentTo(patient.email);
    const [toDoctor] = sentTo(doctor.email);
    expect(toPatient.authorization).toBe("Bearer re_test_capture_key");
    expect(toPatient.idempotencyKey).toBe(`booking-confirmation/${booked.id}/patient`);
    expect(toPatient.body).toMatchObject({
      from: "Careslot <no-reply@careslot.local>",
      to: patient.email,
      subject: "Appointment confirmed: Dr. Resend, Tue 5 Mar 2030, 04:00",
    });
    expect(toPatient.body.html).toMatch(/^<!DOCTYPE html/);
    expect(toPatient.body.html).toContain(`/patient/appointments/${booked.id}/reschedule`);
    expect(toPatient.body.text).toContain("Tuesday 5 March 2030, 04:00, New York time (UTC\u22125)");
    expect(toDoctor.body).toMatchObject({ to: doctor.email, subject: "New appointment: Patient 1, Tue 5 Mar 2030, 10:00" });

    const confirmed = calendarOf(toPatient);
    expect(confirmed.attachment).toMatchObject({ filename: "appointment.ics" });
    expect(confirmed.method).toBe("REQUEST");
    expect(confirmed.event.uid).toBe(`${booked.id}@careslot`);
    expect(confirmed.event.sequence).toBe(0);
    expect(confirmed.event.start.toISOString()).toBe(firstStart.toISOString());
    expect(confirmed.event.start.tz).toBe("Etc/UTC");
    expect(calendarOf(toDoctor).event.uid).toBe(`${booked.id}@careslot`);

    const secondStart = localInstant("2030-03-07", "16:00");
    const moved = await rescheduleAppointment(db, { appointmentId: booked.id, actor: { id: patient.id, role: "patient" }, newStartsAt: secondStart }, TEST_NOW);
    await run(sendRescheduleNotice, rescheduledEvent(moved, firstStart));
    const movedMail = sentTo(patient.email).at(-1)!;
    expect(movedMail.body.subject).toBe("Appointment moved to Thu 7 Mar 2030, 10:00");
    const update = calendarOf(movedMail);
    expect(update.method).toBe("REQUEST");
    expect(update.event.uid).toBe(`${booked.id}@careslot`);
    expect(update.event.sequence).toBe(1);
    expect(update.event.start.toISOString()).toBe(secondStart.toISOString());
    expect(calendarOf(sentTo(doctor.email).at(-1)!).event.sequence).toBe(1);

    await cancelAppointment(db, { appointmentId: moved.id, actor: { id: doctor.id, role: "doctor" }, reason: "Clinic closed" }, TEST_NOW);
    await run(sendCancellationNotice, cancelledEvent(moved.id, "doctor", "Clinic closed"));
    const cancelMail = sentTo(patient.email).at(-1)!;
    expect(cancelMail.body.subject).toBe("Appointment cancelled: Dr. Resend, Thu 7 Mar 2030, 10:00");
    expect(cancelMail.body.text).toContain("Clinic closed");
    const cancellation = calendarOf(cancelMail);
    expect(cancellation.attachment).toMatchObject({ filename: "cancelled-appointment.ics" });
    expect(cancellation.method).toBe("CANCEL");
    expect(cancellation.event.uid).toBe(`${booked.id}@careslot`);
    expect(cancellation.event.sequence).toBe(2);
    expect(cancellation.event.status).toBe("CANCELLED");

    expect(sentTo(patient.email)).toHaveLength(3);
    expect(sentTo(doctor.email)).toHaveLength(3);
    // Each one is logged with its provider id.
    const logged = [...(await emailsOf(db, booked.id)), ...(await emailsOf(db, moved.id))];
    expect(logged).toHaveLength(6);
    expect(logged.every((row) => row.provider === "resend" && row.status === "sent" && row.providerId?.startsWith("re_captured_"))).toBe(true);
  });

  it("a reminder carries an idempotency key of visit and start time, so Resend drops a duplicate", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const booked = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-06", "09:30"), reason: "Check-up" },
      TEST_NOW,
    );

    await run(scheduleAppointmentReminder, bookedEvent(booked, TEST_NOW), [{ id: "wait-for-reminder-time", handler: () => undefined }]);

    const [reminder] = sentTo(patient.email);
    expect(reminder.idempotencyKey).toBe(`appointment-reminder/${booked.id}/${booked.startsAt.toISOString()}`);
    expect(reminder.body).toMatchObject({ to: patient.email, subject: "Reminder: Dr. Test, Wed 6 Mar 2030, 09:30" });
    expect(reminder.body.text).toContain(`/patient/appointments/${booked.id}/cancel`);
    expect(reminder.body.attachments ?? []).toEqual([]);
  });

  it("a verification decision is emailed by its job after the commit, and never when its transaction rolls back", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db, { verificationStatus: "pending" });
    await makeReadyForVerification(db, doctor.id);
    const rolledBack = new Error("rolled back after the decision");
    for (const decide of [
      (tx: Db) => approveDoctor(tx, admin, { doctorId: doctor.id }, NOW),
      (tx: Db) => rejectDoctor(tx, admin, { doctorId: doctor.id, reason: "The licence scan is unreadable." }),
    ]) {
      await expect(
        db.transaction(async (tx) => {
          await decide(tx);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
    }
    expect(await runFromOutbox(db, sendVerificationEmail, { doctorId: doctor.id })).toEqual([]);
    expect(sentTo(doctor.email)).toEqual([]);

    await approveDoctor(db, admin, { doctorId: doctor.id }, NOW);
    expect(sentTo(doctor.email)).toEqual([]);
    expect(await runFromOutbox(db, sendVerificationEmail, { doctorId: doctor.id })).toMatchObject([{ email: { outcome: "sent" } }]);
    expect(sentTo(doctor.email).map((email) => email.body.subject)).toEqual(["Your Careslot profile is verified"]);
  });
});
