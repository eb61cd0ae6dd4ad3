import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBookableDoctor } from "@/db/queries/profiles";
import { getAppSettings } from "@/db/queries/settings";
import { computeSlots } from "@/lib/scheduling";
import { useTestDb } from "@/tests/db";
import {
  TEST_NOW,
  appointmentsOfDoctor,
  appointmentsOfPatient,
  closeDate,
  createDoctor,
  createPatient,
  getAppointment,
  hoursBefore,
  insertAppointmentRow,
  localInstant,
  sideEffectsOf,
  traceOfUser,
} from "@/tests/factories";
import { HOLD_RELEASE_REASON } from "@/lib/payments/holds";
import { bookAppointment, cancelAppointment } from "./service";
import { loadSlotInput } from "./slot-input";
import { expectAppError } from "@/tests/app-errors";

const db = useTestDb({ max: 5 });

/**
 * Fault injection for the "one transaction" proof: the database refuses the
 * outbox row of this patient's bookings (a trigger of this test's own), a
 * write after the appointment's. Answers the clean-up.
 */
async function failOutboxWritesOf(patientId: string): Promise<() => Promise<void>> {
  const name = `test_outbox_fault_${patientId.replaceAll("-", "")}`;
  await db.execute(sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`));
  await db.execute(
    sql.raw(`create trigger ${name} before insert on outbox_events for each row when (new.payload->>'patientId' = '${patientId}') execute function ${name}()`),
  );
  return async () => {
    await db.execute(sql.raw(`drop trigger ${name} on outbox_events`));
    await db.execute(sql.raw(`drop function ${name}()`));
  };
}

beforeAll(async () => {
  // The cancellation tests are written against the migration's default policy.
  expect((await getAppSettings(db)).cancellationWindowHours).toBe(24);
});

// TEST_NOW is Monday 2030-03-04 09:00 Berlin; Tuesday 10:00 Berlin is 25 h later.
const TUESDAY_10 = localInstant("2030-03-05", "10:00");

const book = (patientId: string, doctorId: string, startsAt: Date, now = TEST_NOW) =>
  bookAppointment(db, { patientId, doctorId, startsAt, reason: "Check-up" }, now);

/** Starts the doctor offers over the whole horizon, as the booking page computes them. */
async function offeredStarts(doctorId: string, now = TEST_NOW): Promise<number[]> {
  const doctor = (await getBookableDoctor(db, doctorId))!;
  const input = await loadSlotInput(db, doctor, { viewerTimeZone: doctor.timeZone, now });
  return computeSlots(input).map((slot) => slot.startsAt.getTime());
}

async function expectNoTrace(patientId: string) {
  expect(await appointmentsOfPatient(db, patientId)).toEqual([]);
  expect(await traceOfUser(db, patientId)).toEqual({ audit: [], events: [], outbox: [] });
}

describe("bookAppointment", () => {
  it("books a free slot: a confirmed row, its history, audit and outbox rows, all in one transaction", async () => {
    const doctor = await createDoctor(db, { priceMinor: 7500 });
    const patient = await createPatient(db);

    const appointment = await book(patient.id, doctor.id, TUESDAY_10);

    expect(appointment).toMatchObject({
      doctorId: doctor.id,
      patientId: patient.id,
      status: "confirmed",
      reason: "Check-up",
      priceMinor: 7500,
      currency: "EUR",
      holdExpiresAt: null,
    });
    expect(appointment.startsAt.toISOString()).toBe("2030-03-05T09:00:00.000Z");
    expect(appointment.endsAt.toISOString()).toBe("2030-03-05T09:30:00.000Z");
    expect(await getAppointment(db, appointment.id)).toEqual(appointment);

    const { audit, events, outbox } = await sideEffectsOf(db, appointment.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ fromStatus: null, toStatus: "confirmed", actorId: patient.id, actorRole: "patient", note: "Booked" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "appointment.booked",
      actorId: patient.id,
      actorRole: "patient",
      before: null,
      after: { status: "confirmed", startsAt: "2030-03-05T09:00:00.000Z" },
    });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      name: "appointment/booked",
      payload: { appointmentId: appointment.id, doctorId: doctor.id, patientId: patient.id, startsAt: "2030-03-05T09:00:00.000Z" },
    });
    // now() is the transaction's start time: equal created_at means one transaction wrote all three.
    const stamps = new Set([events[0].createdAt, audit[0].createdAt, outbox[0].createdAt].map((d) => d.getTime()));
    expect(stamps.size).toBe(1);
    // The appointment's own created_at is the booking moment on the injected clock (the grace period after booking runs from it).
    expect(appointment.createdAt).toEqual(TEST_NOW);
  });

  it("books a doctor without a free-time row under the locks, as before the index existed", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    await db.execute(sql`delete from doctor_free_time where doctor_id = ${doctor.id}`);

    expect((await book(patient.id, doctor.id, TUESDAY_10)).status).toBe("confirmed");
    await expectAppError(book((await createPatient(db)).id, doctor.id, TUESDAY_10), "slot_taken");
  });

  it("keeps nothing of a booking whose last write fails: no appointment, history or audit row", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);

    const restore = await failOutboxWritesOf(patient.id);
    const failure = await book(patient.id, doctor.id, TUESDAY_10).then(
      () => null,
      (error: unknown) => error,
    );
    await restore();
    expect((failure as { cause?: Error } | null)?.cause?.message).toBe("outbox unavailable");

    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([]);
    await expectNoTrace(patient.id);
    // The slot is still free for the same patient.
    expect((await book(patient.id, doctor.id, TUESDAY_10)).status).toBe("confirmed");
  });

  it("rolls back everything of a booking refused as slot_taken, even the expired hold it released first", async () => {
    const doctor = await createDoctor(db);
    const [first, second, holder] = [await createPatient(db), await createPatient(db), await createPatient(db)];
    await book(first.id, doctor.id, TUESDAY_10);
    const hold = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: holder.id,
      startsAt: localInstant("2030-03-06", "10:00"),
      status: "pending_payment",
      holdExpiresAt: hoursBefore(TEST_NOW, 1),
    });

    await expectAppError(book(second.id, doctor.id, TUESDAY_10), "slot_taken");

    await expectNoTrace(second.id);
    expect(await getAppointment(db, hold.id)).toEqual(hold);
    expect((await sideEffectsOf(db, hold.id)).events).toEqual([]);
    expect(await appointmentsOfDoctor(db, doctor.id)).toHaveLength(2);
  });

  it.each([
    ["an off-grid time (10:15)", localInstant("2030-03-05", "10:15")],
    ["a time inside the 2 h minimum notice (today 10:30)", localInstant("2030-03-04", "10:30")],
    ["a time before now", localInstant("2030-03-04", "08:30")],
    ["a time outside the open hours (17:00)", localInstant("2030-03-05", "17:00")],
    ["a Saturday", localInstant("2030-03-09", "10:00")],
    ["a date beyond the 60-day horizon", localInstant("2030-05-06", "10:00")],
    ["a date the doctor closed", localInstant("2030-03-06", "10:00")],
  ])("refuses %s as slot_taken and writes nothing", async (_label, startsAt) => {
    const doctor = await createDoctor(db);
    await closeDate(db, doctor.id, "2030-03-06");
    const patient = await createPatient(db);

    await expectAppError(book(patient.id, doctor.id, startsAt), "slot_taken", /not available/);

    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([]);
    await expectNoTrace(patient.id);
  });

  it("offers the first slot exactly at the notice boundary (now + 2 h)", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await book(patient.id, doctor.id, localInstant("2030-03-04", "11:00"));
    expect(appointment.startsAt.getTime() - TEST_NOW.getTime()).toBe(2 * 3_600_000);
  });

  it("refuses an already booked slot as slot_taken and writes nothing for the second patient", async () => {
    const doctor = await createDoctor(db);
    const [first, second] = [await createPatient(db), await createPatient(db)];
    const booked = await book(first.id, doctor.id, TUESDAY_10);

    await expectAppError(book(second.id, doctor.id, TUESDAY_10), "slot_taken");

    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([booked]);
    await expectNoTrace(second.id);
  });

  it.each([
    ["an unverified patient", { verified: false }, /Confirm your email/],
    ["a deactivated patient", { active: false }, /Only patient accounts/],
  ])("refuses %s as forbidden", async (_label, options, message) => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db, options);
    await expectAppError(book(patient.id, doctor.id, TUESDAY_10), "forbidden", message);
    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([]);
  });

  it("refuses a doctor account booking another doctor as forbidden", async () => {
    const [doctor, other] = [await createDoctor(db), await createDoctor(db)];
    await expectAppError(book(other.id, doctor.id, TUESDAY_10), "forbidden");
  });

  it.each([
    ["pending verification", { verificationStatus: "pending" as const }, /not taking bookings/],
    ["rejected", { verificationStatus: "rejected" as const }, /not taking bookings/],
    ["deactivated", { active: false }, /not taking bookings/],
    ["not accepting bookings", { acceptingBookings: false }, /not accepting new bookings/],
  ])("refuses a doctor who is %s", async (_label, options, message) => {
    const doctor = await createDoctor(db, options);
    const patient = await createPatient(db);
    await expectAppError(book(patient.id, doctor.id, TUESDAY_10), "conflict", message);
    expect(await appointmentsOfDoctor(db, doctor.id)).toEqual([]);
    await expectNoTrace(patient.id);
  });

  it("answers not_found for a doctor id that does not exist", async () => {
    const patient = await createPatient(db);
    await expectAppError(book(patient.id, "00000000-0000-4000-8000-00000000dead", TUESDAY_10), "not_found");
  });

  it("refuses a patient a second appointment at the same time with another doctor", async () => {
    const [drA, drB] = [await createDoctor(db), await createDoctor(db)];
    const patient = await createPatient(db);
    const first = await book(patient.id, drA.id, TUESDAY_10);

    await expectAppError(book(patient.id, drB.id, TUESDAY_10), "conflict", /already have another appointment/);

    expect(await appointmentsOfPatient(db, patient.id)).toEqual([first]);
    expect(await appointmentsOfDoctor(db, drB.id)).toEqual([]);
  });

  it("refuses a partly overlapping appointment of another length with another doctor", async () => {
    const drA = await createDoctor(db);
    const drB = await createDoctor(db, { slotMinutes: 60 });
    const patient = await createPatient(db);
    await book(patient.id, drA.id, localInstant("2030-03-05", "10:30")); // 10:30–11:00

    await expectAppError(book(patient.id, drB.id, TUESDAY_10), "conflict", /already have another appointment/); // 10:00–11:00
    expect(await appointmentsOfDoctor(db, drB.id)).toEqual([]);
  });

  it.each([
    ["half an hour ago", hoursBefore(TEST_NOW, 0.5)],
    ["exactly now (expiry is inclusive)", TEST_NOW],
  ])("releases an unpaid hold that expired %s and books the slot; the hold ends cancelled by the system", async (_label, holdExpiresAt) => {
    const doctor = await createDoctor(db);
    const [holder, patient] = [await createPatient(db), await createPatient(db)];
    const hold = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: holder.id, startsAt: TUESDAY_10, status: "pending_payment", holdExpiresAt });

    const appointment = await book(patient.id, doctor.id, TUESDAY_10);

    expect(appointment.status).toBe("confirmed");
    const released = await getAppointment(db, hold.id);
    expect(released).toMatchObject({ status: "cancelled", cancelledBy: "system", cancellationReason: HOLD_RELEASE_REASON, cancelledAt: TEST_NOW });
    expect((await sideEffectsOf(db, hold.id)).events).toMatchObject([{ fromStatus: "pending_payment", toStatus: "cancelled", actorRole: "system" }]);
  });

  it("keeps a hold that has not expired yet: the slot stays taken", async () => {
    const doctor = await createDoctor(db);
    const [holder, patient] = [await createPatient(db), await createPatient(db)];
    const hold = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: holder.id,
      startsAt: TUESDAY_10,
      status: "pending_payment",
      holdExpiresAt: new Date(TEST_NOW.getTime() + 60_000),
    });

    await expectAppError(book(patient.id, doctor.id, TUESDAY_10), "slot_taken");
    expect(await getAppointment(db, hold.id)).toEqual(hold);
  });
});

describe("cancelAppointment", () => {
  async function booked() {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await book(patient.id, doctor.id, TUESDAY_10);
    return { doctor, patient, appointment };
  }

  it("lets the patient cancel outside the window: audit, outbox and history written, and the slot is offered again", async () => {
    const { doctor, patient, appointment } = await booked();
    const later = hoursBefore(TUESDAY_10, 25);
    expect(await offeredStarts(doctor.id, later)).not.toContain(TUESDAY_10.getTime());

    const cancelled = await cancelAppointment(
      db,
      { appointmentId: appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Feeling better" },
      later,
    );

    expect(cancelled).toMatchObject({
      id: appointment.id,
      status: "cancelled",
      cancelledBy: "patient",
      cancellationReason: "Feeling better",
      cancelledAt: later,
    });
    const { audit, events, outbox } = await sideEffectsOf(db, appointment.id);
    expect(audit.map((row) => row.action)).toEqual(["appointment.booked", "appointment.cancelled"]);
    expect(audit[1]).toMatchObject({
      actorId: patient.id,
      before: { status: "confirmed" },
      after: { status: "cancelled", cancellationReason: "Feeling better" },
    });
    expect(events.map((row) => [row.fromStatus, row.toStatus])).toEqual([
      [null, "confirmed"],
      ["confirmed", "cancelled"],
    ]);
    expect(outbox.map((row) => row.name)).toEqual(["appointment/booked", "appointment/cancelled"]);
    expect(outbox[1].payload).toEqual({ appointmentId: appointment.id, cancelledBy: "patient", reason: "Feeling better" });
    expect(await offeredStarts(doctor.id, later)).toContain(TUESDAY_10.getTime());
  });

  it("refuses the patient less than 24 h before the start, with the rule's reason, and changes nothing", async () => {
    const { patient, appointment } = await booked();

    await expectAppError(
      cancelAppointment(db, { appointmentId: appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Too late" }, hoursBefore(TUESDAY_10, 23.5)),
      "conflict",
      /^Appointments can be cancelled or rescheduled up to 24 hours before the start\.$/,
    );

    expect(await getAppointment(db, appointment.id)).toEqual(appointment);
    const { audit, outbox, events } = await sideEffectsOf(db, appointment.id);
    expect([audit.length, outbox.length, events.length]).toEqual([1, 1, 1]);
  });

  it("allows the patient exactly at the 24 h boundary", async () => {
    const { patient, appointment } = await booked();
    const cancelled = await cancelAppointment(
      db,
      { appointmentId: appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Just in time" },
      hoursBefore(TUESDAY_10, 24),
    );
    expect(cancelled.status).toBe("cancelled");
  });

  it("refuses the patient once the visit has started", async () => {
    const { patient, appointment } = await booked();
    await expectAppError(
      cancelAppointment(db, { appointmentId: appointment.id, actor: { id: patient.id, role: "patient" }, reason: "Late" }, TUESDAY_10),
      "conflict",
      /already started/,
    );
  });

  it("lets the doctor cancel an hour before: the window binds patients only", async () => {
    const { doctor, appointment } = await booked();
    const cancelled = await cancelAppointment(
      db,
      { appointmentId: appointment.id, actor: { id: doctor.id, role: "doctor" }, reason: "Doctor is ill" },
      hoursBefore(TUESDAY_10, 1),
    );
    expect(cancelled).toMatchObject({ status: "cancelled", cancelledBy: "doctor" });
    expect((await sideEffectsOf(db, appointment.id)).outbox[1].payload).toMatchObject({ cancelledBy: "doctor" });
  });

  it("refuses to cancel twice", async () => {
    const { doctor, appointment } = await booked();
    const actor = { id: doctor.id, role: "doctor" as const };
    await cancelAppointment(db, { appointmentId: appointment.id, actor, reason: "Once" }, TEST_NOW);
    await expectAppError(cancelAppointment(db, { appointmentId: appointment.id, actor, reason: "Twice" }, TEST_NOW), "conflict", /Only upcoming/);
    expect((await sideEffectsOf(db, appointment.id)).outbox).toHaveLength(2);
  });
});
