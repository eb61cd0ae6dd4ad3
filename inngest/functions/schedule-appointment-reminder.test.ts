import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { getAppSettings } from "@/db/queries/settings";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";
import { bookedEvent, emailsOf, rescheduledEvent } from "../testing/events";
import { scheduleAppointmentReminder } from "./schedule-appointment-reminder";

const db = useTestDb({ max: 3 });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  // Written against the migration's default: reminders 24 hours ahead.
  expect((await getAppSettings(db)).reminderLeadMinutes).toBe(1440);
});

/** A fresh engine per run: one engine remembers step results across executions. */
function runReminder(event: ReturnType<typeof bookedEvent> | ReturnType<typeof rescheduledEvent>, whileAsleep: () => Promise<unknown> = async () => undefined) {
  return new InngestTestEngine({
    function: scheduleAppointmentReminder,
    events: [event],
    steps: [{ id: "wait-for-reminder-time", handler: whileAsleep }],
  }).execute();
}

async function pair() {
  return { doctor: await createDoctor(db), patient: await createPatient(db) };
}

describe("schedule-appointment-reminder", () => {
  it("sleeps until 24 h before the visit, then reminds the patient once", async () => {
    const { doctor, patient } = await pair();
    const startsAt = localInstant("2030-03-05", "10:00");
    const appointment = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt, reason: "Check-up" }, TEST_NOW);

    const { ctx, result } = await runReminder(bookedEvent(appointment, TEST_NOW));

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-reminder-time", new Date(startsAt.getTime() - 24 * HOUR));
    expect(result).toMatchObject({ sendAt: "2030-03-04T09:00:00.000Z", reminder: { outcome: "stored" } });
    const emails = await emailsOf(db, appointment.id);
    expect(emails.map((email) => [email.template, email.toAddress])).toEqual([["appointment-reminder", patient.email]]);
    expect(emails[0].text).toContain("Tuesday 5 March 2030, 10:00, Berlin time (UTC+1)");

    // The same visit at the same time is never reminded twice: Inngest drops a repeated key, and the step checks the log.
    expect(Reflect.get(scheduleAppointmentReminder, "opts").idempotency).toBe("event.data.appointmentId + '/' + event.data.startsAt");
    const again = await runReminder(bookedEvent(appointment, TEST_NOW));
    expect(again.result).toMatchObject({ reminder: { outcome: "skipped", reason: "already sent" } });
    expect(await emailsOf(db, appointment.id)).toHaveLength(1);
  });

  it("sends nothing for an appointment cancelled during the sleep", async () => {
    const { doctor, patient } = await pair();
    const appointment = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-05", "11:00"), reason: "Check-up" },
      TEST_NOW,
    );

    const { result } = await runReminder(bookedEvent(appointment, TEST_NOW), () =>
      cancelAppointment(db, { appointmentId: appointment.id, actor: { id: doctor.id, role: "doctor" }, reason: "Doctor away" }, TEST_NOW),
    );

    expect(result).toMatchObject({ reminder: { outcome: "skipped", reason: "appointment is cancelled" } });
    expect(await emailsOf(db, appointment.id)).toEqual([]);
    // And Inngest stops the sleeping run as soon as the cancellation event arrives.
    expect(Reflect.get(scheduleAppointmentReminder, "opts").cancelOn).toContainEqual({
      event: expect.objectContaining({ name: "appointment/cancelled" }),
      match: "data.appointmentId",
    });
  });

  it("after a reschedule, the old reminder sends nothing and a new one is scheduled for the new time", async () => {
    const { doctor, patient } = await pair();
    const oldStart = localInstant("2030-03-05", "14:00");
    const newStart = localInstant("2030-03-07", "15:30");
    const original = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: oldStart, reason: "Check-up" }, TEST_NOW);
    let moved: Awaited<ReturnType<typeof rescheduleAppointment>> | undefined;

    const old = await runReminder(bookedEvent(original, TEST_NOW), async () => {
      moved = await rescheduleAppointment(db, { appointmentId: original.id, actor: { id: patient.id, role: "patient" }, newStartsAt: newStart }, TEST_NOW);
    });
    expect(old.result).toMatchObject({ reminder: { outcome: "skipped" } });
    expect(await emailsOf(db, original.id)).toEqual([]);
    expect(Reflect.get(scheduleAppointmentReminder, "opts").cancelOn).toContainEqual({
      event: expect.objectContaining({ name: "appointment/rescheduled" }),
      if: "async.data.previousAppointmentId == event.data.appointmentId",
    });

    const next = await runReminder(rescheduledEvent(moved!, oldStart, TEST_NOW));
    expect(next.ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-reminder-time", new Date(newStart.getTime() - 24 * HOUR));
    expect(next.result).toMatchObject({ appointmentId: moved!.id, reminder: { outcome: "stored" } });
    const [reminder] = await emailsOf(db, moved!.id);
    expect(reminder.template).toBe("appointment-reminder");
    expect(reminder.text).toContain("Thursday 7 March 2030, 15:30, Berlin time (UTC+1)");
  });

  it("does not send when the appointment moved away from the planned time while the run slept", async () => {
    const { doctor, patient } = await pair();
    const appointment = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-03-08", "09:00") });
    const planned = { ...appointment, startsAt: new Date(appointment.startsAt.getTime() - HOUR) };

    const { result } = await runReminder(bookedEvent(planned, TEST_NOW));

    expect(result).toMatchObject({ reminder: { outcome: "skipped", reason: "appointment time changed" } });
    expect(await emailsOf(db, appointment.id)).toEqual([]);
  });

  describe("lead time at its boundaries (24 h lead)", () => {
    const startsAt = new Date("2030-04-10T09:00:00Z");
    it.each([
      ["booked exactly 24 h ahead: the usual time", -24 * HOUR, "2030-04-09T09:00:00.000Z"],
      ["booked 1 ms later: halfway to the visit", -24 * HOUR + 1, "2030-04-09T21:00:00.000Z"],
      ["booked exactly 4 h ahead: halfway is exactly 2 h before, still sent", -4 * HOUR, "2030-04-10T07:00:00.000Z"],
    ])("%s", async (_name, bookedOffset, expected) => {
      const { doctor, patient } = await pair();
      const appointment = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt });

      const { ctx, result } = await runReminder(bookedEvent(appointment, new Date(startsAt.getTime() + bookedOffset)));

      expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-reminder-time", new Date(expected));
      expect(result).toMatchObject({ sendAt: expected, reminder: { outcome: "stored" } });
    });

    it("booked 4 h minus a minute ahead: no reminder at all, and no sleep", async () => {
      const { doctor, patient } = await pair();
      const appointment = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt });

      const { ctx, result } = await runReminder(bookedEvent(appointment, new Date(startsAt.getTime() - 4 * HOUR + MINUTE)));

      expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
      expect(result).toMatchObject({ sendAt: null, reminder: { outcome: "skipped" } });
      expect(await emailsOf(db, appointment.id)).toEqual([]);
    });
  });
});
