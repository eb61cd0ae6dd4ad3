// The printed part of the bench: the figures, then what they say about where
// a booking's time goes. Every sentence is computed from this run's numbers.
import type { JobRunnerBench } from "../job-runner";
import type { RaceResult } from "../race";
import { CONCURRENCY, DOCTORS, SLOTS_PER_DOCTOR, type VariantResult } from "../throughput";
import type { PhaseResult, StepKind } from "./phases";
import { round, table } from "./stats";

const indent = (text: string) => text.replace(/^/gm, "   ");

export function printRace(race: RaceResult, ok: boolean) {
  console.log(`2. Race: ${race.attempts} patients at once for ${race.slots} slots of one doctor, bookAppointment on a pool of 20`);
  console.log(
    `   successes ${race.successes} (must be ${race.slots}), taken/conflict ${race.conflicts}, errors ${race.errors} (must be 0), p50 ${race.p50Ms} ms, p95 ${race.p95Ms} ms, all done in ${race.elapsedMs} ms`,
  );
  console.log(`   in the table: ${race.activeRows} active appointments, ${race.overlaps} overlapping pairs → ${ok ? "OK" : "FAILED"}`);
  for (const sample of race.errorSamples) console.log(indent(`error: ${sample}`));
  console.log("");
}

export function printThroughput(variants: VariantResult[], phases: PhaseResult, load: number) {
  const byName = (prefix: string) => variants.find((v) => v.name.startsWith(prefix))!;
  const [service, plain, unprepared, writes, reads, oneDoctor] = [
    "bookAppointment (",
    "plain INSERT (",
    "plain INSERT, unprepared",
    "writes only",
    "reads only",
    "bookAppointment, all",
  ].map(byName) as VariantResult[];

  console.log(
    `3. Throughput: distinct free slots, ${DOCTORS} doctors × ${SLOTS_PER_DOCTOR} slots = ${DOCTORS * SLOTS_PER_DOCTOR} per run, ${CONCURRENCY} concurrent clients`,
  );
  console.log(
    indent(
      table(
        ["variant", "ops", "ops/s", "p50 ms", "p95 ms", "errors", "node CPU ms/op", "machine busy", "node share"],
        variants.map((v) => [v.name, v.ops, v.perSecond, v.p50Ms, v.p95Ms, v.errors, v.nodeCpuMsPerOp, `${v.machineBusyPct}%`, `${v.nodeShareOfBusyPct}%`]),
      ),
    ),
  );
  console.log(
    `   bookAppointment ${service!.perSecond}/s vs plain INSERT ${plain!.perSecond}/s: the INSERT alone is ${round(plain!.perSecond / service!.perSecond, 1)}× faster\n`,
  );

  console.log(
    `   One real bookAppointment step by step (${phases.bookings} bookings one at a time; ${phases.statementsPerBooking} SQL statements each, BEGIN/COMMIT included):`,
  );
  console.log(
    indent(
      table(
        ["step (until the next statement is sent)", "kind", "median ms", "p95 ms", "share"],
        phases.steps.map((s) => [s.step, s.kind, s.medianMs, s.p95Ms, `${Math.round(s.share * 100)}%`]),
      ),
    ),
  );
  console.log(`   total of medians ${phases.totalMedianMs} ms`);

  const lockAt = phases.steps.findIndex((s) => s.kind === "lock");
  const lockHeldMs = phases.steps.slice(lockAt).reduce((sum, s) => sum + s.medianMs, 0);
  const share = (kinds: StepKind[]) => Math.round(phases.steps.filter((s) => kinds.includes(s.kind)).reduce((sum, s) => sum + s.share, 0) * 100);
  const lines = [
    `Round trips: ${phases.statementsPerBooking} statements per booking against 1 for the plain INSERT. Each costs a network wait and`,
    `  CPU on both sides; the booking's writes alone in one transaction run at ${writes!.perSecond}/s, its reads alone at ${reads!.perSecond}/s.`,
    `Reads before the insert (patient, doctor, rules, overrides, busy time, with the slot engine): ${share(["read", "js"])}% of a booking.`,
    `Writes (appointment, history, audit, outbox, payment): ${share(["write"])}%; COMMIT ${share(["commit"])}%; hold and payment clean-up ${share(["hold clean-up"])}%.`,
    `The advisory lock: ${share(["lock"])}% of a lone booking, but one doctor's bookings queue on it: the lock is held from its step`,
    `  to COMMIT, ${round(lockHeldMs)} ms here, so one doctor cannot pass about ${Math.round(1000 / lockHeldMs)}/s, however many cores. Measured: all on one`,
    `  doctor ${oneDoctor!.perSecond}/s against ${service!.perSecond}/s spread over ${DOCTORS} doctors (CPU contention stretches the time the lock is held).`,
    `Unprepared statements: Drizzle sends each one unnamed, so PostgreSQL parses and plans it every time; the same plain`,
    `  INSERT unprepared runs at ${unprepared!.perSecond}/s against ${plain!.perSecond}/s prepared.`,
    `CPU: the machine's cores were ${service!.machineBusyPct}% busy during the service run, ${service!.nodeShareOfBusyPct}% of that in this Node process`,
    `  (${service!.nodeCpuMsPerOp} ms of Node CPU per booking against ${plain!.nodeCpuMsPerOp} ms per plain INSERT: query building and one socket`,
    `  write per statement). CPU-bound on both sides, so every statement saved is throughput gained.`,
    `  (Machine-wide figures: other processes on this VM count too; load average at start ${load.toFixed(2)}.)`,
  ];
  console.log("\n   What stands in the way (from the figures above):");
  for (const line of lines) console.log(line.startsWith("  ") ? `     ${line.trimStart()}` : `   - ${line}`);
}

/** Budget: the runner may cost the booking path at most 5 % (README → Performance). */
export const JOB_RUNNER_COST_BUDGET = 0.05;

export function printJobRunner(jobs: JobRunnerBench) {
  const cost = round((1 - jobs.ratio) * 100, 1);
  console.log(
    `\n5. Local job runner in the booking process: ${jobs.bookingsPerRound} bookings a round, rounds alternating without and with it (plus one warm-up)`,
  );
  console.log(`   bookings/s without the runner: ${jobs.withoutRunnerPerSecond.join(", ")}; with it: ${jobs.withRunnerPerSecond.join(", ")}`);
  console.log(
    `   median with / median without = ${jobs.ratio} → the runner costs the booking path ${cost} % (budget ≤ ${JOB_RUNNER_COST_BUDGET * 100} %) ${cost <= JOB_RUNNER_COST_BUDGET * 100 ? "OK" : "OVER BUDGET"}`,
  );
  console.log(
    `   dispatch delay, booking commit → patient confirmation row, ${jobs.dispatch.confirmations} bookings: median ${jobs.dispatch.medianMs} ms, p95 ${jobs.dispatch.p95Ms} ms, max ${jobs.dispatch.maxMs} ms`,
  );
  console.log(
    `   one booking at a time on a quiet server: median ${jobs.lone.medianMs} ms, p95 ${jobs.lone.p95Ms} ms from commit to confirmation (${jobs.lone.bookings} bookings)`,
  );
  console.log("   (the runner yields while the process is busy serving bookings, so a burst's emails follow the burst)");
}
