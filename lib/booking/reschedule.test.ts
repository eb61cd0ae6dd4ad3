import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { doctorProfiles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import type { Actor } from "@/lib/vocabulary";
import {
  TEST_NOW,
  appointmentsOfDoctor,
  appointmentsOfPatient,
  createDoctor,
  createPatient,
  getAppointment,
  hoursBefore,
  insertAppointmentRow,
  localInstant,
  rejectionOf,
  sideEffectsOf,
} from "@/tests/factories";
import { bookAppointment, rescheduleAppointment } from "./service";
import { expectAppError } from "@/tests/app-errors";

const db = useTestDb({ max: 5 });

const TUESDAY_10 = localInstant("2030-03-05", "10:00");
const THURSDAY_14 = localInstant("2030-03-07", "14:00");

async function bookedAppointment() {
  const doctor = await createDoctor(db);
  const patient = await createPatient(db);
  const appointment = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "Back pain" }, TEST_NOW);
  return { doctor, patient, actor: { id: patient.id, role: "patient" } as Actor, appointment };
}

describe("rescheduleAppointment", () => {
  it("moves the visit: the old one is cancelled as rescheduled, the new one confirmed and linked, with an outbox event", async () => {
    const { doctor, patient, actor, appointment: old } = await bookedAppointment();

    const moved = await rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: THURSDAY_14 }, TEST_NOW);

    expect(moved).toMatchObject({
      doctorId: doctor.id,
      patientId: patient.id,
      status: "confirmed",
      reason: "Back pain",
      priceMinor: old.priceMinor,
      currency: old.currency,
      rescheduledFromId: old.id,
    });
    expect(moved.startsAt).toEqual(THURSDAY_14);
    expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(30 * 60_000);
    expect(await getAppointment(db, old.id)).toMatchObject({
      status: "cancelled",
      cancellationReason: "Rescheduled",
      cancelledBy: "patient",
      cancelledAt: TEST_NOW,
      startsAt: TUESDAY_10,
    });

    const oldTrail = await sideEffectsOf(db, old.id);
    expect(oldTrail.events.at(-1)).toMatchObject({ fromStatus: "confirmed", toStatus: "cancelled", note: "Rescheduled" });
    const newTrail = await sideEffectsOf(db, moved.id);
    expect(newTrail.events).toMatchObject([{ fromStatus: null, toStatus: "confirmed", actorId: patient.id }]);
    expect(newTrail.audit).toMatchObject([
      { action: "appointment.rescheduled", before: { startsAt: TUESDAY_10.toISOString() }, after: { startsAt: THURSDAY_14.toISOString() } },
    ]);
    const rescheduled = newTrail.outbox.filter((row) => row.name === "appointment/rescheduled");
    expect(rescheduled).toHaveLength(1);
    expect(rescheduled[0].payload).toEqual({
      appointmentId: moved.id,
      previousAppointmentId: old.id,
      previousStartsAt: TUESDAY_10.toISOString(),
      startsAt: THURSDAY_14.toISOString(),
    });
    expect((await appointmentsOfDoctor(db, doctor.id)).map((row) => row.status)).toEqual(["cancelled", "confirmed"]);
  });

  it("moves to the adjacent slot (10:00 → 10:30)", async () => {
    const { actor, appointment } = await bookedAppointment();
    const next = localInstant("2030-03-05", "10:30");
    const moved = await rescheduleAppointment(db, { appointmentId: appointment.id, actor, newStartsAt: next }, TEST_NOW);
    expect(moved.startsAt).toEqual(next);
  });

  it("moves a 60-minute visit half an hour later, overlapping its own old time: the old one is released in the same transaction", async () => {
    // The doctor has since moved to 30-minute slots; this visit was booked for an hour.
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const old = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: TUESDAY_10, minutes: 60 });
    const later = localInstant("2030-03-05", "10:30");

    const moved = await rescheduleAppointment(db, { appointmentId: old.id, actor: { id: patient.id, role: "patient" }, newStartsAt: later }, TEST_NOW);

    expect(moved.startsAt).toEqual(later);
    // The new time is a slot the engine offers now, so it takes the doctor's current length (and never runs past closing).
    expect(moved.endsAt).toEqual(localInstant("2030-03-05", "11:00"));
    expect((await getAppointment(db, old.id)).status).toBe("cancelled");
    expect((await appointmentsOfPatient(db, patient.id)).filter((row) => row.status !== "cancelled")).toHaveLength(1);
  });

  it("refuses a patient's move once the doctor has stopped accepting bookings, leaving the visit as it was", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const old = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: TUESDAY_10, minutes: 30 });
    await db.update(doctorProfiles).set({ acceptingBookings: false }).where(eq(doctorProfiles.userId, doctor.id));
    const error = await rejectionOf(
      rescheduleAppointment(
        db,
        { appointmentId: old.id, actor: { id: patient.id, role: "patient" }, newStartsAt: localInstant("2030-03-05", "11:00") },
        TEST_NOW,
      ),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/not accepting new bookings/);
    expect(await getAppointment(db, old.id)).toEqual(old);
  });

  it("refuses a taken slot as slot_taken and leaves the old appointment exactly as it was, with no new row", async () => {
    const { doctor, actor, appointment: old } = await bookedAppointment();
    const other = await createPatient(db);
    await bookAppointment(db, { patientId: other.id, doctorId: doctor.id, startsAt: THURSDAY_14, reason: "" }, TEST_NOW);
    const before = await getAppointment(db, old.id);
    const trailBefore = await sideEffectsOf(db, old.id);

    await expectAppError(rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: THURSDAY_14 }, TEST_NOW), "slot_taken");

    const after = await getAppointment(db, old.id);
    expect(after).toEqual(before);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await sideEffectsOf(db, old.id)).toEqual(trailBefore);
    expect(await appointmentsOfPatient(db, actor.id)).toEqual([before]);
    expect(await appointmentsOfDoctor(db, doctor.id)).toHaveLength(2);
  });

  it("refuses a move onto a slot that is not offered (off-grid) and changes nothing", async () => {
    const { actor, appointment: old } = await bookedAppointment();
    await expectAppError(rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: localInstant("2030-03-07", "14:10") }, TEST_NOW), "slot_taken");
    expect(await getAppointment(db, old.id)).toEqual(old);
  });

  it("refuses a move that would overlap the patient's appointment with another doctor, keeping the old one", async () => {
    const { actor, appointment: old } = await bookedAppointment();
    const otherDoctor = await createDoctor(db);
    await bookAppointment(db, { patientId: actor.id, doctorId: otherDoctor.id, startsAt: THURSDAY_14, reason: "" }, TEST_NOW);

    await expectAppError(
      rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: THURSDAY_14 }, TEST_NOW),
      "conflict",
      /already have another appointment/,
    );
    expect(await getAppointment(db, old.id)).toEqual(old);
    expect(await appointmentsOfPatient(db, actor.id)).toHaveLength(2);
  });

  it("refuses the patient inside the 24 h window; the doctor may still move it", async () => {
    const { doctor, actor, appointment: old } = await bookedAppointment();
    const late = hoursBefore(TUESDAY_10, 2);
    await expectAppError(rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: THURSDAY_14 }, late), "conflict", /up to 24 hours before/);
    expect(await getAppointment(db, old.id)).toEqual(old);

    const moved = await rescheduleAppointment(db, { appointmentId: old.id, actor: { id: doctor.id, role: "doctor" }, newStartsAt: THURSDAY_14 }, late);
    expect(moved.rescheduledFromId).toBe(old.id);
  });

  it("refuses to reschedule an appointment that is no longer confirmed", async () => {
    const { actor, appointment: old } = await bookedAppointment();
    const moved = await rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: THURSDAY_14 }, TEST_NOW);
    await expectAppError(
      rescheduleAppointment(db, { appointmentId: old.id, actor, newStartsAt: localInstant("2030-03-08", "10:00") }, TEST_NOW),
      "conflict",
      /Only confirmed/,
    );
    expect(await appointmentsOfPatient(db, actor.id)).toEqual([await getAppointment(db, old.id), moved]);
  });
});
