// Part 3: how many bookings per second the service completes when patients
// book distinct free slots, against plain INSERTs under the same constraints,
// plus the pieces in between, so the gap can be attributed.
import postgres from "postgres";
import { randomUUID } from "node:crypto";
import { connectDatabase, type Db } from "../db/client";
import { readBookingState } from "../db/queries/booking";
import { bookAppointment } from "../lib/booking/service";
import { oneStartWindow, slotInputOf } from "../lib/booking/slot-input";
import { isSlotOffered } from "../lib/scheduling";
import { BENCH_NOW, SLOT_MINUTES, firstSlots, seedDoctors, seedPatients } from "./lib/seed";
import { round, runPool, startCpuSampler, summarize } from "./lib/stats";

export const DOCTORS = 50;
export const SLOTS_PER_DOCTOR = 40;
export const CONCURRENCY = 16;
const ONE_DOCTOR_BOOKINGS = 400;

export interface VariantResult {
  name: string;
  ops: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  errors: number;
  /** Node CPU (client + service code) per operation. */
  nodeCpuMsPerOp: number;
  machineBusyPct: number;
  nodeShareOfBusyPct: number;
}

interface Job {
  doctorId: string;
  patientId: string;
  startsAt: Date;
}

/** Distinct (doctor, slot) pairs, one patient each, interleaved across doctors as real traffic would be. */
async function jobs(sql: postgres.Sql, label: string, doctors: number, slotsPerDoctor: number): Promise<Job[]> {
  const doctorIds = await seedDoctors(sql, doctors, `${label}-doctor`);
  const patientIds = await seedPatients(sql, doctors * slotsPerDoctor, `${label}-patient`);
  const slots = firstSlots(slotsPerDoctor);
  return patientIds.map((patientId, k) => ({ patientId, doctorId: doctorIds[k % doctors]!, startsAt: slots[Math.floor(k / doctors)]! }));
}

async function measure(name: string, work: Job[], task: (job: Job) => Promise<unknown>, concurrency = CONCURRENCY): Promise<VariantResult> {
  const stopCpu = startCpuSampler();
  const run = await runPool(work, concurrency, task);
  const cpu = stopCpu();
  const errors = run.results.filter((result) => result.status === "rejected");
  if (errors.length > 0) console.error(`  ${name}: ${errors.length} failed, e.g. ${String((errors[0] as PromiseRejectedResult).reason)}`);
  const latency = summarize(run.latenciesMs);
  return {
    name,
    ops: work.length,
    perSecond: round((work.length / run.elapsedMs) * 1000, 0),
    p50Ms: latency.medianMs,
    p95Ms: latency.p95Ms,
    errors: errors.length,
    nodeCpuMsPerOp: round(cpu.nodeCpuMs / work.length, 2),
    machineBusyPct: cpu.machineBusyPct,
    nodeShareOfBusyPct: cpu.nodeShareOfBusyPct,
  };
}

const book = (db: Db) => (job: Job) => bookAppointment(db, { ...job, reason: "" }, BENCH_NOW);

function plainInsert(sql: postgres.Sql) {
  return (job: Job) => sql`
    insert into appointments (doctor_id, patient_id, starts_at, ends_at, status, price_minor, currency)
    values (${job.doctorId}, ${job.patientId}, ${job.startsAt}, ${new Date(job.startsAt.getTime() + SLOT_MINUTES * 60_000)}, 'confirmed', 6000, 'EUR')`;
}

/**
 * The booking's write statement alone: careslot_book_appointment (migration 0027) as
 * lib/booking/book.ts calls it, with the free-time version and held count it checks
 * read inline instead of by the booking's read; run again in the rare case another
 * client's write to the same doctor came between.
 */
function writeOnly(sql: postgres.Sql) {
  return async (job: Job) => {
    const at = job.startsAt.toISOString();
    const ends = new Date(job.startsAt.getTime() + SLOT_MINUTES * 60_000).toISOString();
    const now = BENCH_NOW.toISOString();
    for (;;) {
      const id = randomUUID();
      const rows = await sql.unsafe(
        `select id from careslot_book_appointment($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5::timestamptz, 'confirmed', null, '', 6000, 'EUR',
           $6::timestamptz, (select version from doctor_free_time where doctor_id = $2::uuid),
           (select total from careslot_patient_held_appointments($3::uuid, $2::uuid, $6::timestamptz)),
           (select with_doctor from careslot_patient_held_appointments($3::uuid, $2::uuid, $6::timestamptz)),
           $3::uuid, 'patient', 'Booked', $7::jsonb, $8::jsonb, 'clinic', 'due_at_visit')`,
        [
          id,
          job.doctorId,
          job.patientId,
          at,
          ends,
          now,
          JSON.stringify({ status: "confirmed", startsAt: at, endsAt: ends }),
          JSON.stringify({ appointmentId: id }),
        ],
        { prepare: true },
      );
      if (rows.length > 0) return;
    }
  };
}

/** The booking's one read and its slot check (nothing is written). */
function readsOnly(db: Db) {
  return async (job: Job) => {
    const state = await readBookingState(db, { ...job, now: BENCH_NOW }, oneStartWindow(job.startsAt));
    const doctor = state.doctor!;
    const window = { viewerTimeZone: doctor.timeZone, now: BENCH_NOW, from: job.startsAt, to: new Date(job.startsAt.getTime() + 1) };
    return isSlotOffered(slotInputOf(doctor, state, window), job.startsAt);
  };
}

export async function benchThroughput(url: string): Promise<VariantResult[]> {
  const sql = postgres(url, { max: CONCURRENCY, onnotice: () => {} });
  // Drizzle sends every statement unprepared (postgres.js `unsafe` without a name): parsed and planned each time.
  const unprepared = postgres(url, { max: CONCURRENCY, onnotice: () => {}, prepare: false });
  const handle = connectDatabase(url, { max: CONCURRENCY });
  try {
    // Warm both paths (JIT, prepared statements on every pooled connection) on throw-away rows.
    await measure("warm-up", await jobs(sql, "warm-service", 8, 8), book(handle.db));
    await measure("warm-up", await jobs(sql, "warm-plain", 8, 8), plainInsert(sql));

    const serviceJobs = await jobs(sql, "service", DOCTORS, SLOTS_PER_DOCTOR);
    const plainJobs = await jobs(sql, "plain", DOCTORS, SLOTS_PER_DOCTOR);
    const unpreparedJobs = await jobs(sql, "unprepared", DOCTORS, SLOTS_PER_DOCTOR);
    const writeJobs = await jobs(sql, "writes", DOCTORS, SLOTS_PER_DOCTOR);
    const oneDoctorJobs = await jobs(sql, "one-doctor", 1, ONE_DOCTOR_BOOKINGS);

    const results: VariantResult[] = [];
    results.push(await measure("bookAppointment (service)", serviceJobs, book(handle.db)));
    results.push(await measure("plain INSERT (postgres.js)", plainJobs, plainInsert(sql)));
    results.push(await measure("plain INSERT, unprepared", unpreparedJobs, plainInsert(unprepared)));
    results.push(await measure("write statement only (appt, event, audit, outbox, payment)", writeJobs, writeOnly(sql)));
    // After the bookings above, so the busy-interval reads find real rows.
    results.push(await measure("read statement only (+ slot check)", serviceJobs, readsOnly(handle.db)));
    results.push(await measure(`bookAppointment, all on 1 doctor`, oneDoctorJobs, book(handle.db)));
    return results;
  } finally {
    await handle.close();
    await unprepared.end({ timeout: 5 });
    await sql.end({ timeout: 5 });
  }
}
