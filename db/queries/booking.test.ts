// The booking's one write checks the read it was decided on: it writes only
// while the doctor's free-time version and the patient's held count are what
// that read saw, and otherwise writes nothing at all.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { oneStartWindow } from "@/lib/booking/slot-input";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, appointmentsOfDoctor, createDoctor, createPatient, insertAppointmentRow, localInstant, sideEffectsOf } from "@/tests/factories";
import { doctorFreeTime } from "../schema";
import { readBookingState, writeBooking, type BookingState } from "./booking";

const db = useTestDb();
const TUESDAY_10 = localInstant("2030-03-05", "10:00");

function read(patientId: string, doctorId: string, startsAt = TUESDAY_10) {
  return readBookingState(db, { patientId, doctorId, startsAt, now: TEST_NOW }, oneStartWindow(startsAt));
}

function write(patientId: string, doctorId: string, state: Pick<BookingState, "freeTimeVersion" | "held">) {
  const id = randomUUID();
  return writeBooking(db, {
    id,
    doctorId,
    patientId,
    startsAt: TUESDAY_10,
    endsAt: new Date(TUESDAY_10.getTime() + 30 * 60_000),
    status: "confirmed",
    holdExpiresAt: null,
    reason: "",
    priceMinor: 6000,
    currency: "EUR",
    now: TEST_NOW,
    read: { freeTimeVersion: state.freeTimeVersion, held: state.held },
    actor: { id: patientId, role: "patient" },
    eventNote: "Booked",
    auditAfter: { status: "confirmed" },
    outboxPayload: { appointmentId: id },
    payment: { provider: "clinic", status: "due_at_visit" },
  });
}

describe("the booking's read and write", () => {
  it("reads the patient, the doctor, the day's busy time and the caps' count in one statement", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-03-05", "11:00") });

    const state = await read(patient.id, doctor.id);

    expect(state.patient).toEqual({ role: "patient", active: true, deleted: false, emailVerified: true });
    expect(state.doctor).toMatchObject({ id: doctor.id, timeZone: "Europe/Berlin", slotMinutes: 30 });
    expect(state.busy).toEqual([{ startsAt: localInstant("2030-03-05", "11:00"), endsAt: localInstant("2030-03-05", "11:30") }]);
    expect(state.held).toEqual({ total: 1, withDoctor: 1 });
    expect(state.holdsToClear).toBe(false);
    expect(state.freeTimeVersion).not.toBeNull();
  });

  it("writes the appointment with its history, audit, outbox and payment rows when the read is current", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);

    const booked = await write(patient.id, doctor.id, await read(patient.id, doctor.id));

    expect(booked).toMatchObject({ doctorId: doctor.id, patientId: patient.id, status: "confirmed", startsAt: TUESDAY_10, createdAt: TEST_NOW });
    const { audit, events, outbox } = await sideEffectsOf(db, booked!.id);
    expect([audit.length, events.length, outbox.length]).toEqual([1, 1, 1]);
    const [payment] = await db.execute<{ status: string }>(sql`select status from payments where appointment_id = ${booked!.id}`);
    expect(payment).toEqual({ status: "due_at_visit" });
  });

  it("writes nothing when the doctor's schedule changed after the read (the free-time version moved)", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const state = await read(patient.id, doctor.id);
    // Any change the engine reads bumps the version; here an hours edit's trigger, simulated directly.
    await db
      .update(doctorFreeTime)
      .set({ version: sql`${doctorFreeTime.version} + 1` })
      .where(eq(doctorFreeTime.doctorId, doctor.id));

    expect(await write(patient.id, doctor.id, state)).toBeUndefined();
    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([]);
  });

  it("writes nothing when the patient's held count changed after the read (a booking with another doctor)", async () => {
    const [doctor, other] = [await createDoctor(db), await createDoctor(db)];
    const patient = await createPatient(db);
    const state = await read(patient.id, doctor.id);
    await insertAppointmentRow(db, { doctorId: other.id, patientId: patient.id, startsAt: localInstant("2030-03-06", "10:00") });

    expect(await write(patient.id, doctor.id, state)).toBeUndefined();
    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([]);
  });
});
