// Every service entry point checks that the appointment belongs to the caller.
// A stranger is told "not found" (ids cannot be probed) and nothing changes.
import { describe, expect, it } from "vitest";
import { getConsultationNote } from "@/db/queries/appointments";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import type { Actor } from "@/lib/vocabulary";
import {
  TEST_NOW,
  appointmentsOfPatient,
  createAdmin,
  createDoctor,
  createPatient,
  getAppointment,
  localInstant,
  rejectionOf,
  sideEffectsOf,
} from "@/tests/factories";
import { saveConsultationNote } from "./notes";
import { bookAppointment, cancelAppointment, recordVisitOutcome, rescheduleAppointment } from "./service";

const db = useTestDb({ max: 5 });

const TUESDAY_10 = localInstant("2030-03-05", "10:00");
const THURSDAY_14 = localInstant("2030-03-07", "14:00");
const AFTER_VISIT = localInstant("2030-03-05", "11:00");

async function scenario() {
  const [doctorX, doctorY] = [await createDoctor(db), await createDoctor(db)];
  const [patientA, patientB] = [await createPatient(db), await createPatient(db)];
  const appointment = await bookAppointment(db, { patientId: patientA.id, doctorId: doctorY.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW);
  const trail = await sideEffectsOf(db, appointment.id);
  return {
    appointment,
    trail,
    owner: { id: patientA.id, role: "patient" } as Actor,
    ownDoctor: { id: doctorY.id, role: "doctor" } as Actor,
    otherPatient: { id: patientB.id, role: "patient" } as Actor,
    otherDoctor: { id: doctorX.id, role: "doctor" } as Actor,
  };
}

async function expectRefused(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function expectUnchanged(s: Awaited<ReturnType<typeof scenario>>) {
  expect(await getAppointment(db, s.appointment.id)).toEqual(s.appointment);
  expect(await sideEffectsOf(db, s.appointment.id)).toEqual(s.trail);
}

describe("ownership of appointments", () => {
  it("patient B can neither cancel nor reschedule patient A's appointment", async () => {
    const s = await scenario();
    await expectRefused(cancelAppointment(db, { appointmentId: s.appointment.id, actor: s.otherPatient, reason: "Not mine" }, TEST_NOW), "not_found");
    await expectRefused(rescheduleAppointment(db, { appointmentId: s.appointment.id, actor: s.otherPatient, newStartsAt: THURSDAY_14 }, TEST_NOW), "not_found");
    await expectUnchanged(s);
    expect(await appointmentsOfPatient(db, s.otherPatient.id)).toEqual([]);
  });

  it("doctor X can neither cancel, reschedule, complete nor mark a no-show on doctor Y's appointment", async () => {
    const s = await scenario();
    await expectRefused(cancelAppointment(db, { appointmentId: s.appointment.id, actor: s.otherDoctor, reason: "Not mine" }, TEST_NOW), "not_found");
    await expectRefused(rescheduleAppointment(db, { appointmentId: s.appointment.id, actor: s.otherDoctor, newStartsAt: THURSDAY_14 }, TEST_NOW), "not_found");
    for (const outcome of ["completed", "no_show"] as const) {
      await expectRefused(recordVisitOutcome(db, { appointmentId: s.appointment.id, actor: s.otherDoctor, outcome }, AFTER_VISIT), "not_found");
    }
    await expectUnchanged(s);
  });

  it("a patient cannot record a visit outcome, not even on their own appointment", async () => {
    const s = await scenario();
    for (const outcome of ["completed", "no_show"] as const) {
      await expectRefused(recordVisitOutcome(db, { appointmentId: s.appointment.id, actor: s.owner, outcome }, AFTER_VISIT), "forbidden");
    }
    await expectUnchanged(s);
  });

  it("an appointment id that does not exist is not_found for everyone", async () => {
    const s = await scenario();
    const missing = "00000000-0000-4000-8000-00000000beef";
    await expectRefused(cancelAppointment(db, { appointmentId: missing, actor: s.owner, reason: "Gone" }, TEST_NOW), "not_found");
    await expectRefused(recordVisitOutcome(db, { appointmentId: missing, actor: s.ownDoctor, outcome: "completed" }, AFTER_VISIT), "not_found");
  });

  it("the owners still can: a control that the refusals above are about ownership", async () => {
    const s = await scenario();
    const completed = await recordVisitOutcome(db, { appointmentId: s.appointment.id, actor: s.ownDoctor, outcome: "completed" }, AFTER_VISIT);
    expect(completed.status).toBe("completed");

    const t = await scenario();
    const moved = await rescheduleAppointment(db, { appointmentId: t.appointment.id, actor: t.owner, newStartsAt: THURSDAY_14 }, TEST_NOW);
    expect(moved.rescheduledFromId).toBe(t.appointment.id);
  });

  it("an admin may cancel any appointment", async () => {
    const s = await scenario();
    const admin = await createAdmin(db);
    const cancelled = await cancelAppointment(
      db,
      { appointmentId: s.appointment.id, actor: { id: admin.id, role: "admin" }, reason: "Clinic closed" },
      TEST_NOW,
    );
    expect(cancelled).toMatchObject({ status: "cancelled", cancelledBy: "admin" });
  });
});

describe("ownership of consultation notes", () => {
  it("another doctor saving a note on the appointment gets not_found and writes nothing", async () => {
    const s = await scenario();
    const error = await rejectionOf(
      saveConsultationNote(db, { doctorId: s.otherDoctor.id, appointmentId: s.appointment.id, body: "Intruder", patientSummary: null }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    expect(await getConsultationNote(db, s.appointment.id)).toBeUndefined();
    await expectUnchanged(s);
  });

  it("the patient's id is not a doctor's: a patient saving a note gets not_found", async () => {
    const s = await scenario();
    await expectRefused(
      saveConsultationNote(db, { doctorId: s.owner.id, appointmentId: s.appointment.id, body: "Self-diagnosis", patientSummary: null }),
      "not_found",
    );
    expect(await getConsultationNote(db, s.appointment.id)).toBeUndefined();
  });
});
