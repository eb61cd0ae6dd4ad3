// Part 5: the local job runner beside the booking path, in one process as in
// the app server. Rounds alternate between bookings with the runner stopped
// and with it running (workers, outbox delivery after each booking as the
// app's after() does, fan-out, emails), so the ±25 % drift of this VM hits
// both alike; the ratio of their medians is the runner's cost. During the
// runner's rounds, each booking's commit → patient confirmation row is timed.
import { and, eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { connectDatabase } from "../db/client";
import { emails } from "../db/schema";
import { bookAppointment } from "../lib/booking/service";
import { startJobQueue, sendToLocalQueue } from "../lib/jobs/queue";
import { coalescedDelivery, deliverPendingOutbox } from "../lib/outbox/dispatcher";
import { BENCH_NOW, firstSlots, seedDoctors, seedPatients } from "./lib/seed";
import { percentile, round, runPool, summarize } from "./lib/stats";

const ROUNDS = 3;
const DOCTORS = 40;
const SLOTS = 8;
const CONCURRENCY = 16;
// Since the booking path became two statements (session 10) a round's 320 bookings arrive in about half a second,
// and the runner's three functions per booking (confirmation, reminder, hold expiry) follow at their own pace:
// measured 36 s median, 67 s p95, 76 s at most on a loaded VM; one full run on a quiet one went past 120 s.
const DISPATCH_WAIT_MS = 300_000;

export interface JobRunnerBench {
  bookingsPerRound: number;
  withoutRunnerPerSecond: number[];
  withRunnerPerSecond: number[];
  /** Median with the runner over median without it (1 = no cost). */
  ratio: number;
  dispatch: { confirmations: number; medianMs: number; p95Ms: number; maxMs: number };
  /** One booking at a time on a quiet server: commit → patient confirmation row. */
  lone: { bookings: number; medianMs: number; p95Ms: number };
}

const LONE_BOOKINGS = 20;

async function loneBookings(
  url: string,
  sql: postgres.Sql,
  db: ReturnType<typeof connectDatabase>["db"],
  functions: Awaited<typeof import("../inngest")>["functions"],
  startLocalRunner: Awaited<typeof import("../inngest/local/runner")>["startLocalRunner"],
): Promise<JobRunnerBench["lone"]> {
  const boss = await startJobQueue(url);
  const runner = await startLocalRunner({ boss, db, functions });
  const send = sendToLocalQueue(boss);
  try {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const [doctorId] = await seedDoctors(sql, 1, "jobs-lone-doctor");
    const patientIds = await seedPatients(sql, LONE_BOOKINGS, "jobs-lone-patient");
    const slots = firstSlots(LONE_BOOKINGS);
    const delays: number[] = [];
    for (const [k, patientId] of patientIds.entries()) {
      const appointment = await bookAppointment(db, { patientId, doctorId: doctorId!, startsAt: slots[k]!, reason: "" }, BENCH_NOW);
      const committed = Date.now();
      void deliverPendingOutbox(db, send).catch(() => {});
      await waitForConfirmations(db, [appointment.id]);
      delays.push((await dispatchDelays(db, new Map([[appointment.id, committed]])))[0]!);
    }
    return { bookings: delays.length, ...pick(summarize(delays)) };
  } finally {
    await runner.stop();
  }
}

export async function benchJobRunner(url: string): Promise<JobRunnerBench> {
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const handle = connectDatabase(url, { max: CONCURRENCY });
  const [{ functions }, { startLocalRunner }] = await Promise.all([import("../inngest"), import("../inngest/local/runner")]);
  const committedAt = new Map<string, number>();
  let current: { stop: () => Promise<void> } | null = null;
  try {
    // The earlier parts booked thousands of visits with no runner: their events are not this part's work.
    await sql`DELETE FROM outbox_events WHERE status = 'pending'`;
    const without: number[] = [];
    const withRunner: number[] = [];
    // Round 0 warms everything (JIT, pools, pg-boss's tables, the email templates) with the runner on, and is not counted; then without, with, without, with…
    for (let index = 0; index <= ROUNDS * 2; index++) {
      const running = index % 2 === 0;
      const doctorIds = await seedDoctors(sql, DOCTORS, `jobs-${index}-doctor`);
      const patientIds = await seedPatients(sql, DOCTORS * SLOTS, `jobs-${index}-patient`);
      const slots = firstSlots(SLOTS);
      const work = patientIds.map((patientId, k) => ({ patientId, doctorId: doctorIds[k % DOCTORS]!, startsAt: slots[Math.floor(k / DOCTORS)]! }));
      const boss = running ? await startJobQueue(url) : null;
      const runner = boss ? await startLocalRunner({ boss, db: handle.db, functions }) : null;
      current = runner;
      const send = boss ? sendToLocalQueue(boss) : null;
      // In the app the runner starts with the server, not with a burst: let its start-up work (queues, schedules, maintenance) settle.
      if (runner) await new Promise((resolve) => setTimeout(resolve, 3_000));
      const deliver =
        send && runner
          ? coalescedDelivery(async () => {
              await runner.waitForQuiet();
              return deliverPendingOutbox(handle.db, send);
            })
          : null;
      const run = await runPool(work, CONCURRENCY, async (job) => {
        const appointment = await bookAppointment(handle.db, { ...job, reason: "" }, BENCH_NOW);
        if (!deliver) return;
        committedAt.set(appointment.id, Date.now());
        // What the app's action does once the response has gone (lib/outbox deliverOutboxQuietly): hand the new events over, unawaited.
        void deliver().catch(() => {});
      });
      if (index > 0) (running ? withRunner : without).push(round((work.length / run.elapsedMs) * 1000, 0));
      if (runner) {
        await waitForConfirmations(handle.db, [...committedAt.keys()]);
        await runner.stop();
        current = null;
      } else {
        // No runner: this round's events would only load the next round's runner. The bench drops them.
        await sql`DELETE FROM outbox_events WHERE status = 'pending'`;
      }
    }
    const delays = await dispatchDelays(handle.db, committedAt);
    const lone = await loneBookings(url, sql, handle.db, functions, startLocalRunner);
    return {
      lone,
      bookingsPerRound: DOCTORS * SLOTS,
      withoutRunnerPerSecond: without,
      withRunnerPerSecond: withRunner,
      ratio: round(middle(withRunner) / middle(without), 3),
      dispatch: { confirmations: delays.length, ...pick(summarize(delays)), maxMs: round(Math.max(...delays)) },
    };
  } finally {
    await current?.stop().catch(() => {});
    await handle.close();
    await sql.end({ timeout: 5 });
  }
}

const middle = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const pick = (stats: { medianMs: number; p95Ms: number }) => ({ medianMs: stats.medianMs, p95Ms: stats.p95Ms });

async function waitForConfirmations(db: ReturnType<typeof connectDatabase>["db"], ids: string[]): Promise<void> {
  const deadline = Date.now() + DISPATCH_WAIT_MS;
  while (Date.now() < deadline) {
    const rows = await db
      .select({ id: emails.appointmentId })
      .from(emails)
      .where(and(eq(emails.template, "booking-confirmation-patient"), inArray(emails.appointmentId, ids)));
    if (rows.length >= ids.length) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not every booking's confirmation arrived within ${DISPATCH_WAIT_MS / 1000} s`);
}

async function dispatchDelays(db: ReturnType<typeof connectDatabase>["db"], committedAt: Map<string, number>): Promise<number[]> {
  const rows = await db
    .select({ appointmentId: emails.appointmentId, createdAt: emails.createdAt })
    .from(emails)
    .where(and(eq(emails.template, "booking-confirmation-patient"), inArray(emails.appointmentId, [...committedAt.keys()])));
  return rows.map((row) => row.createdAt.getTime() - committedAt.get(row.appointmentId!)!);
}
