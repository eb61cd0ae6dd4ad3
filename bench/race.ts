// Part 2: 200 patients at once for 20 slots of one doctor, through the real
// booking service on a pool of 20 connections. The database must hand out
// each slot exactly once and every loser must get a clean "taken" answer.
import postgres from "postgres";
import { connectDatabase } from "../db/client";
import { bookAppointment } from "../lib/booking/service";
import { AppError } from "../lib/errors";
import { BENCH_NOW, firstSlots, seedDoctors, seedPatients } from "./lib/seed";
import { runPool, summarize } from "./lib/stats";

export const RACE_ATTEMPTS = 200;
export const RACE_SLOTS = 20;

export interface RaceResult {
  attempts: number;
  slots: number;
  successes: number;
  conflicts: number;
  errors: number;
  errorSamples: string[];
  activeRows: number;
  overlaps: number;
  p50Ms: number;
  p95Ms: number;
  elapsedMs: number;
}

export async function benchRace(url: string): Promise<RaceResult> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const handle = connectDatabase(url, { max: 20 });
  try {
    const [doctorId] = await seedDoctors(sql, 1, "race-doctor");
    const patients = await seedPatients(sql, RACE_ATTEMPTS, "race-patient");
    const slots = firstSlots(RACE_SLOTS);

    // Every attempt in flight at once; the pool of 20 is the only queue.
    const attempts = patients.map((patientId, i) => ({ patientId, startsAt: slots[i % RACE_SLOTS]! }));
    const run = await runPool(attempts, RACE_ATTEMPTS, ({ patientId, startsAt }) =>
      bookAppointment(handle.db, { patientId, doctorId: doctorId!, startsAt, reason: "" }, BENCH_NOW),
    );

    let successes = 0;
    let conflicts = 0;
    const errorSamples: string[] = [];
    for (const result of run.results) {
      if (result.status === "fulfilled") successes++;
      else if (result.reason instanceof AppError && (result.reason.code === "slot_taken" || result.reason.code === "conflict")) conflicts++;
      else errorSamples.push(String(result.reason));
    }
    const [check] = await sql<{ active: number; overlaps: number }[]>`
      select
        (select count(*)::int from appointments where doctor_id = ${doctorId!} and status <> 'cancelled') as active,
        (select count(*)::int from appointments a join appointments b
           on a.doctor_id = b.doctor_id and a.id < b.id and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
          where a.doctor_id = ${doctorId!} and a.status <> 'cancelled' and b.status <> 'cancelled') as overlaps`;
    const latency = summarize(run.latenciesMs);
    return {
      attempts: RACE_ATTEMPTS,
      slots: RACE_SLOTS,
      successes,
      conflicts,
      errors: errorSamples.length,
      errorSamples: errorSamples.slice(0, 5),
      activeRows: check!.active,
      overlaps: check!.overlaps,
      p50Ms: latency.medianMs,
      p95Ms: latency.p95Ms,
      elapsedMs: Math.round(run.elapsedMs),
    };
  } finally {
    await handle.close();
    await sql.end({ timeout: 5 });
  }
}
