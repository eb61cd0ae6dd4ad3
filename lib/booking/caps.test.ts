// Issue #13, finding 6, replayed: one patient booked 24 slots of one doctor in
// 6.6 s. The caps (admin settings, defaults 5 in all and 2 with one doctor) are
// counted inside the booking transaction, so a burst of parallel bookings, on
// a pool of 20 connections so they really run side by side, yields the cap.
// The tests read the shared settings row as the migration leaves it (5 and 2).
import { describe, expect, it } from "vitest";
import { getAppSettings } from "@/db/queries/settings";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, appointmentsOfPatient, createDoctor, createPatient, hoursBefore, insertAppointmentRow, localInstant } from "@/tests/factories";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "./service";

const db = useTestDb({ max: 20 });

/** Twenty distinct half-hour slots the test doctors offer: Tuesday 09:00–16:30, then Wednesday from 09:00. */
const SLOTS = Array.from({ length: 20 }, (_, i) =>
  i < 16
    ? new Date(localInstant("2030-03-05", "09:00").getTime() + i * 30 * 60_000)
    : new Date(localInstant("2030-03-06", "09:00").getTime() + (i - 16) * 30 * 60_000),
);

type Outcome = { ok: true; doctorId: string } | { ok: false; error: unknown };

function attempt(patientId: string, doctorId: string, startsAt: Date): Promise<Outcome> {
  return bookAppointment(db, { patientId, doctorId, startsAt, reason: "" }, TEST_NOW).then(
    (row) => ({ ok: true as const, doctorId: row.doctorId }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

const refusals = (outcomes: Outcome[]) =>
  outcomes.flatMap((o) => (o.ok ? [] : [o.error instanceof AppError ? `${o.error.code}: ${o.error.message}` : `unexpected: ${String(o.error)}`]));
const activeOf = async (patientId: string) => (await appointmentsOfPatient(db, patientId)).filter((row) => row.status !== "cancelled");

describe("booking caps", () => {
  it("the defaults are 5 upcoming appointments per patient, 2 with one doctor", async () => {
    expect(await getAppSettings(db)).toMatchObject({ maxActiveAppointmentsPerPatient: 5, maxActiveAppointmentsPerPatientPerDoctor: 2 });
  });

  it("20 parallel bookings by one patient with one doctor: exactly 2 are made, 18 are told the limit", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);

    const outcomes = await Promise.all(SLOTS.map((slot) => attempt(patient.id, doctor.id, slot)));

    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(refusals(outcomes)).toEqual(
      Array(18).fill(
        "conflict: You can hold at most 2 upcoming appointments with the same doctor, and you already have 2. Cancel one, or book again after a visit.",
      ),
    );
    expect(await activeOf(patient.id)).toHaveLength(2);
  });

  it("20 parallel bookings by one patient across 10 doctors: at most 5 in all, at most 2 with any doctor", { timeout: 60_000 }, async () => {
    const doctors = await Promise.all(Array.from({ length: 10 }, () => createDoctor(db)));
    const patient = await createPatient(db);

    const outcomes = await Promise.all(SLOTS.map((slot, i) => attempt(patient.id, doctors[i % doctors.length]!.id, slot)));

    const made = outcomes.flatMap((o) => (o.ok ? [o.doctorId] : []));
    expect(made).toHaveLength(5);
    expect(Math.max(...doctors.map((d) => made.filter((id) => id === d.id).length))).toBeLessThanOrEqual(2);
    expect(refusals(outcomes).every((text) => text.startsWith("conflict: You can hold at most "))).toBe(true);
    expect(refusals(outcomes)).toContain(
      "conflict: You can hold at most 5 upcoming appointments at a time, and you already have 5. Cancel one, or book again after a visit.",
    );
    expect(await activeOf(patient.id)).toHaveLength(5);
  });

  it("counts only what is still ahead and active: past, cancelled and lapsed holds leave room", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const visit = (startsAt: Date, values: Partial<Parameters<typeof insertAppointmentRow>[1]> = {}) =>
      insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt, ...values });
    await visit(hoursBefore(TEST_NOW, 48), { status: "completed" });
    await visit(hoursBefore(TEST_NOW, 24));
    await visit(SLOTS[10]!, { status: "cancelled" });
    await visit(SLOTS[11]!, { status: "pending_payment", holdExpiresAt: hoursBefore(TEST_NOW, 1) });
    await visit(SLOTS[12]!);

    await expect(bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: SLOTS[0]!, reason: "" }, TEST_NOW)).resolves.toMatchObject({
      status: "confirmed",
    });
    await expect(bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: SLOTS[1]!, reason: "" }, TEST_NOW)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("a patient at the cap may still reschedule (the moved visit is not counted), and cancelling one makes room", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const actor = { id: patient.id, role: "patient" as const };
    const first = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: SLOTS[0]!, reason: "" }, TEST_NOW);
    await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: SLOTS[1]!, reason: "" }, TEST_NOW);

    const moved = await rescheduleAppointment(db, { appointmentId: first.id, actor, newStartsAt: SLOTS[5]! }, TEST_NOW);
    expect(moved).toMatchObject({ status: "confirmed", rescheduledFromId: first.id });
    await expect(bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: SLOTS[6]!, reason: "" }, TEST_NOW)).rejects.toMatchObject({
      code: "conflict",
    });

    await cancelAppointment(db, { appointmentId: moved.id, actor, reason: "Plans changed" }, TEST_NOW);
    await expect(bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: SLOTS[6]!, reason: "" }, TEST_NOW)).resolves.toMatchObject({
      status: "confirmed",
    });
  });
});
