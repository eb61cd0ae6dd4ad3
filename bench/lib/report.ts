// The printed part of the bench: the figures, then what they say about where
// a booking's time goes. Every sentence is computed from this run's numbers.
import type { JobRunnerBench } from "../job-runner";
import type { RaceResult } from "../race";
import { CONCURRENCY, DOCTORS, SLOTS_PER_DOCTOR, type VariantResult } from "../throughput";
import { baseLabel, type PhaseResult, type StepKind } from "./phases";
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
    "write statement only",
    "read statement only",
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
    `   bookAppointment ${service!.perSecond}/s vs plain INSERT ${plain!.perSecond}/s: ${round((service!.perSecond / plain!.perSecond) * 100, 1)} % of it (budget ≥ 25 %), the INSERT alone ${round(plain!.perSecond / service!.perSecond, 1)}× faster\n`,
  );

  console.log(
    `   One real bookAppointment step by step (${phases.bookings} bookings one at a time; ${phases.statementsPerBooking} SQL statements each${phases.transactional ? ", BEGIN/COMMIT included" : ", no explicit transaction"}):`,
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

  // The locks are held from their step (or the write statement that takes them) to the commit.
  const lockAt = phases.steps.findIndex((s) => s.kind === "lock" || baseLabel(s.step) === "book");
  const lockHeldMs = lockAt < 0 ? NaN : phases.steps.slice(lockAt).reduce((sum, s) => sum + s.medianMs, 0);
  const share = (kinds: StepKind[]) => Math.round(phases.steps.filter((s) => kinds.includes(s.kind)).reduce((sum, s) => sum + s.share, 0) * 100);
  const lines = [
    `Round trips: ${phases.statementsPerBooking} statements per booking (${phases.transactional ? "BEGIN/COMMIT included" : "no explicit transaction"}) against 1 for the plain INSERT.`,
    `  The booking's read alone runs at ${reads!.perSecond}/s, its write statement alone at ${writes!.perSecond}/s.`,
    `The read (patient, doctor, settings, the day's hours, overrides and busy time, caps count, holds, free-time version), with the`,
    `  slot engine: ${share(["read", "js"])}% of a lone booking. The write (appointment, history, audit, outbox, payment, its locks and`,
    `  commit): ${share(["write", "commit"])}%; separate lock statements ${share(["lock"])}%; hold and payment clean-up ${share(["hold clean-up"])}%.`,
    `The doctor's and the patient's locks are held from the step that takes them to COMMIT, ${round(lockHeldMs)} ms here, so one doctor`,
    `  cannot pass about ${Math.round(1000 / lockHeldMs)}/s, however many cores. Measured: all on one doctor ${oneDoctor!.perSecond}/s against ${service!.perSecond}/s`,
    `  spread over ${DOCTORS} doctors (parallel bookings of one doctor find their read out of date and book again under the locks).`,
    `Prepared statements: the booking's are (db/prepared.ts); Drizzle's builders send the rest unnamed, parsed and planned`,
    `  each time: the same plain INSERT unprepared runs at ${unprepared!.perSecond}/s against ${plain!.perSecond}/s prepared.`,
    `CPU: the machine's cores were ${service!.machineBusyPct}% busy during the service run, ${service!.nodeShareOfBusyPct}% of that in this Node process`,
    `  (${service!.nodeCpuMsPerOp} ms of Node CPU per booking against ${plain!.nodeCpuMsPerOp} ms per plain INSERT: the driver and one socket write`,
    `  per statement, the slot engine). CPU-bound on both sides; the rest is PostgreSQL writing five rows and their indexes.`,
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
