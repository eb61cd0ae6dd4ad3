// Many patients racing for the same time through the real booking service, on
// a pool of 20 connections so the attempts really run side by side.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatients, localInstant } from "@/tests/factories";
import { bookAppointment } from "./service";

const db = useTestDb({ max: 20 });

type Outcome = { ok: true; startsAt: Date } | { ok: false; error: unknown };

function attempt(patientId: string, doctorId: string, startsAt: Date): Promise<Outcome> {
  return bookAppointment(db, { patientId, doctorId, startsAt, reason: "" }, TEST_NOW).then(
    (row) => ({ ok: true as const, startsAt: row.startsAt }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** "slot_taken", "conflict", … for AppErrors; anything else is named by its message so a failure shows it. */
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`);

async function activeRowsAt(doctorId: string, startsAt: Date): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from appointments where doctor_id = ${doctorId} and starts_at = ${startsAt.toISOString()} and status <> 'cancelled'`,
  );
  return row.n;
}

describe("racing for one slot", () => {
  it.each([
    ["Tuesday 10:00", localInstant("2030-03-05", "10:00")],
    ["Wednesday 16:30", localInstant("2030-03-06", "16:30")],
  ])("60 patients book %s at once: exactly 1 wins, 59 are told slot_taken", { timeout: 60_000 }, async (_label, slot) => {
    const doctor = await createDoctor(db);
    const patients = await createPatients(db, 60);

    const outcomes = await Promise.all(patients.map((patient) => attempt(patient.id, doctor.id, slot)));

    const losers = outcomes.flatMap((outcome) => (outcome.ok ? [] : [codeOf(outcome.error)]));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(losers).toEqual(Array(59).fill("slot_taken"));
    expect(await activeRowsAt(doctor.id, slot)).toBe(1);
  });
});

describe("racing for ten slots", () => {
  it("100 attempts over 10 slots of one doctor: exactly 10 appointments, none overlapping", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(db);
    const patients = await createPatients(db, 100);
    const slots = Array.from({ length: 10 }, (_, i) => new Date(localInstant("2030-03-07", "09:00").getTime() + i * 30 * 60_000));

    const outcomes = await Promise.all(patients.map((patient, i) => attempt(patient.id, doctor.id, slots[i % slots.length])));

    const winners = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.startsAt.getTime()] : []));
    expect(winners.sort()).toEqual(slots.map((slot) => slot.getTime()));
    const loserCodes = new Set(outcomes.flatMap((outcome) => (outcome.ok ? [] : [codeOf(outcome.error)])));
    expect([...loserCodes].every((code) => code === "slot_taken" || code === "conflict")).toBe(true);

    const [counts] = await db.execute<{ active: number; overlapping: number }>(sql`
      select
        (select count(*)::int from appointments where doctor_id = ${doctor.id} and status <> 'cancelled') as active,
        (select count(*)::int from appointments a join appointments b
           on a.doctor_id = b.doctor_id and a.id < b.id
          and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
          where a.doctor_id = ${doctor.id} and a.status <> 'cancelled' and b.status <> 'cancelled') as overlapping
    `);
    expect(counts).toEqual({ active: 10, overlapping: 0 });
  });
});
