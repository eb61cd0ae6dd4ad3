// The grace period after booking, through the service with the clock injected:
// the booking moment is the injected `now`, and so is every later check.
import { describe, expect, it } from "vitest";
import { appSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, getAppointment, inRolledBackTransaction, localInstant, rejectionOf } from "@/tests/factories";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/vocabulary";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "./service";

const db = useTestDb({ max: 5 });

// TEST_NOW is Monday 09:00 Berlin: 14:00 the same day lies inside the 24-hour window.
const MONDAY_14 = localInstant("2030-03-04", "14:00");
const MONDAY_15 = localInstant("2030-03-04", "15:00");
const MINUTE = 60_000;
const after = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * MINUTE);

async function bookedInsideWindow(on: Db = db) {
  const doctor = await createDoctor(on);
  const patient = await createPatient(on);
  const appointment = await bookAppointment(on, { patientId: patient.id, doctorId: doctor.id, startsAt: MONDAY_14, reason: "Check-up" }, TEST_NOW);
  return { appointment, actor: { id: patient.id, role: "patient" } as Actor };
}

async function expectRefused(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).message).toBe("Appointments can be cancelled or rescheduled up to 24 hours before the start.");
}

describe("grace period after booking (15 minutes by default)", () => {
  it("records the booking moment on the injected clock", async () => {
    const { appointment } = await bookedInsideWindow();
    expect(appointment.createdAt).toEqual(TEST_NOW);
  });

  it("lets the patient cancel within it, inside the cancellation window", async () => {
    const { appointment, actor } = await bookedInsideWindow();
    const cancelled = await cancelAppointment(db, { appointmentId: appointment.id, actor, reason: "Booked the wrong day" }, after(10));
    expect(cancelled.status).toBe("cancelled");
  });

  it("refuses the cancellation after it, and changes nothing", async () => {
    const { appointment, actor } = await bookedInsideWindow();
    await expectRefused(cancelAppointment(db, { appointmentId: appointment.id, actor, reason: "Too late" }, after(16)));
    expect((await getAppointment(db, appointment.id)).status).toBe("confirmed");
  });

  it("lets the patient reschedule within it, and refuses after it", async () => {
    const first = await bookedInsideWindow();
    const moved = await rescheduleAppointment(db, { appointmentId: first.appointment.id, actor: first.actor, newStartsAt: MONDAY_15 }, after(5));
    expect(moved).toMatchObject({ status: "confirmed", rescheduledFromId: first.appointment.id });
    // The moved visit gets no fresh grace: a second move inside the window is refused.
    await expectRefused(rescheduleAppointment(db, { appointmentId: moved.id, actor: first.actor, newStartsAt: MONDAY_14 }, after(6)));

    const second = await bookedInsideWindow();
    await expectRefused(rescheduleAppointment(db, { appointmentId: second.appointment.id, actor: second.actor, newStartsAt: MONDAY_15 }, after(16)));
  });

  it("a grace period of 0 turns it off", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      await tx.update(appSettings).set({ bookingGraceMinutes: 0 });
      const { appointment, actor } = await bookedInsideWindow(tx);
      await expectRefused(cancelAppointment(tx, { appointmentId: appointment.id, actor, reason: "At once" }, TEST_NOW));
      await expectRefused(rescheduleAppointment(tx, { appointmentId: appointment.id, actor, newStartsAt: MONDAY_15 }, TEST_NOW));
    });
  });
});
