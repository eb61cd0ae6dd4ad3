import { describe, expect, it } from "vitest";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, getAppointment, localInstant, sideEffectsOf } from "@/tests/factories";
import { bookAppointment, cancelAppointment, recordVisitOutcome } from "./service";
import { expectAppError } from "@/tests/app-errors";

const db = useTestDb({ max: 5 });

// TEST_NOW is Monday 2030-03-04 09:00 Berlin; Tuesday 10:00 Berlin is 25 h later.
const TUESDAY_10 = localInstant("2030-03-05", "10:00");

const book = (patientId: string, doctorId: string, startsAt: Date, now = TEST_NOW) =>
  bookAppointment(db, { patientId, doctorId, startsAt, reason: "Check-up" }, now);

describe("recordVisitOutcome", () => {
  async function booked() {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await book(patient.id, doctor.id, TUESDAY_10);
    return { doctor, actor: { id: doctor.id, role: "doctor" as const }, appointment };
  }

  it.each([
    ["before the start", -60_000],
    ["exactly at the start", 0],
  ])("refuses a no-show %s", async (_label, offsetMs) => {
    const { actor, appointment } = await booked();
    await expectAppError(
      recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "no_show" }, new Date(TUESDAY_10.getTime() + offsetMs)),
      "conflict",
      /after the appointment has started/,
    );
    expect(await getAppointment(db, appointment.id)).toEqual(appointment);
  });

  it("records a no-show once the start has passed, with an audit row", async () => {
    const { actor, appointment } = await booked();
    const updated = await recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "no_show" }, new Date(TUESDAY_10.getTime() + 60_000));
    expect(updated.status).toBe("no_show");
    const { audit, events } = await sideEffectsOf(db, appointment.id);
    expect(audit.at(-1)).toMatchObject({ action: "appointment.no_show", actorId: actor.id, before: { status: "confirmed" }, after: { status: "no_show" } });
    expect(events.at(-1)).toMatchObject({ fromStatus: "confirmed", toStatus: "no_show", actorRole: "doctor" });
  });

  it("refuses to mark a visit completed before it has started, and allows it exactly at the start", async () => {
    const { actor, appointment } = await booked();
    await expectAppError(
      recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "completed" }, new Date(TUESDAY_10.getTime() - 60_000)),
      "conflict",
      /once it has started/,
    );
    expect(await getAppointment(db, appointment.id)).toEqual(appointment);
    expect((await recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "completed" }, TUESDAY_10)).status).toBe("completed");
  });

  it("records completed from confirmed, and nothing after that", async () => {
    const { actor, appointment } = await booked();
    const after = new Date(TUESDAY_10.getTime() + 30 * 60_000);
    expect((await recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "completed" }, after)).status).toBe("completed");
    for (const outcome of ["completed", "no_show"] as const) {
      await expectAppError(recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome }, after), "conflict", /Only confirmed/);
    }
    expect((await getAppointment(db, appointment.id)).status).toBe("completed");
  });

  it.each(["cancelled", "no_show"] as const)("refuses any outcome for a %s appointment", async (status) => {
    const { actor, appointment } = await booked();
    const after = new Date(TUESDAY_10.getTime() + 60_000);
    if (status === "cancelled") await cancelAppointment(db, { appointmentId: appointment.id, actor, reason: "Closed" }, TEST_NOW);
    else await recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "no_show" }, after);
    const before = await getAppointment(db, appointment.id);
    await expectAppError(recordVisitOutcome(db, { appointmentId: appointment.id, actor, outcome: "completed" }, after), "conflict", /Only confirmed/);
    expect(await getAppointment(db, appointment.id)).toEqual(before);
  });
});
