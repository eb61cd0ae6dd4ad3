// Runs every part of the bench against a fresh database of its own, prints a
// readable report, writes bench/results.json, and answers 1 if the race let a
// slot go twice, or any attempt failed with something other than "taken".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startBenchDatabase, setBenchEnvironment } from "./lib/database";
import { benchPhases } from "./lib/phases";
import { printJobRunner, printRace, printThroughput } from "./lib/report";
import { round } from "./lib/stats";
import { benchRace } from "./race";
import { benchSearch } from "./search";
import { benchSlotEngine } from "./slot-engine";
import { benchThroughput } from "./throughput";
import { benchJobRunner } from "./job-runner";
import { benchApi } from "./api";
import { benchScaleOut, printScaleOut, type ScaleOutResult } from "./scale-out";
import { benchHttp, httpBudgetLines, type HttpResult } from "./http";
import { benchFront, printFront, type FrontResult } from "./front";

const scaleOutOk = (result: ScaleOutResult) => "skipped" in result || result.variants.every((variant) => variant.bookingErrors + variant.searchErrors === 0);

const httpOk = (result: HttpResult) => "skipped" in result || Object.values(result.runs).every((runs) => runs.every((run) => run.errors === 0));

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "results.json");

const frontOk = (result: FrontResult) => "skipped" in result || result.ok;

/** `npm run bench -- front` (or `npm run lighthouse`): part 9 alone; its figures replace only `front` in results.json. */
async function mainFront(): Promise<number> {
  const load = os.loadavg();
  console.log(
    `Careslot bench, part 9 · Node ${process.version} · ${os.cpus().length} CPUs · load average at start ${load.map((v) => v.toFixed(2)).join(", ")}`,
  );
  const front = await benchFront();
  printFront(front);
  const previous = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
  fs.writeFileSync(RESULTS, `${JSON.stringify({ ...previous, front: { at: new Date().toISOString(), loadAverageAtStart: load, ...front } }, null, 2)}\n`);
  console.log(`\nFigures written to ${path.relative(process.cwd(), RESULTS)} (front)`);
  // Budgets are reported, not enforced here (TBT on a shared VM is noisy): e2e/page-weight.spec.ts enforces the JavaScript one.
  return 0;
}

export async function main(): Promise<number> {
  if (process.argv.includes("front")) return mainFront();
  const started = Date.now();
  const load = os.loadavg()[0]!;
  const database = await startBenchDatabase();
  try {
    setBenchEnvironment(database.url);
    if (load > 0.5) console.log(`Note: load average ${load.toFixed(2)} before the bench; other work on this machine lowers and blurs the figures.`);
    console.log(
      `Careslot bench · Node ${process.version} · ${os.cpus().length} CPUs · PostgreSQL ${database.version} (${database.server}) · load generator on the same machine\n`,
    );
    // `npm run bench -- scale-out`: part 6 alone (it needs `npm run build`'s standalone server).
    if (process.argv.includes("scale-out")) {
      const scaleOut = await benchScaleOut(database.url);
      printScaleOut(scaleOut);
      return scaleOutOk(scaleOut) ? 0 : 1;
    }
    // `npm run bench -- http`: part 8 alone (the large dataset is seeded first; it needs the standalone server too).
    if (process.argv.includes("http")) {
      const http = await runHttpPart(database.url);
      fs.writeFileSync(
        RESULTS.replace(/\.json$/, ".http.json"),
        `${JSON.stringify({ at: new Date().toISOString(), loadAverageAtStart: load, http }, null, 2)}\n`,
      );
      return httpOk(http) ? 0 : 1;
    }

    // `npm run bench -- throughput`: parts 2 and 3 alone (the race and the booking path), to compare booking-path changes quickly.
    if (process.argv.includes("throughput")) {
      const race = await benchRace(database.url);
      const raceOk = race.successes === race.slots && race.errors === 0 && race.activeRows === race.slots && race.overlaps === 0;
      printRace(race, raceOk);
      const throughput = await benchThroughput(database.url);
      printThroughput(throughput, await benchPhases(database.url), load);
      return raceOk && throughput.every((variant) => variant.errors === 0) ? 0 : 1;
    }

    const slotEngine = benchSlotEngine();
    console.log("1. Slot engine: one doctor's 60-day horizon, 500 appointments, Berlin doctor seen from Kolkata");
    console.log(`   median ${slotEngine.medianMs} ms, p95 ${slotEngine.p95Ms} ms per computeSlots call (${slotEngine.slotsPerCall} slots)\n`);

    const race = await benchRace(database.url);
    const raceOk = race.successes === race.slots && race.errors === 0 && race.activeRows === race.slots && race.overlaps === 0;
    printRace(race, raceOk);

    const throughput = await benchThroughput(database.url);
    const phases = await benchPhases(database.url);
    printThroughput(throughput, phases, load);
    const throughputOk = throughput.every((variant) => variant.errors === 0);
    if (!throughputOk) console.log("\nSome throughput operations failed (see above): those figures are not valid.");

    console.log("\n4. Search and doctor page at scale: 10,000 doctors, 1,000,000 appointments (server time)");
    const search = await benchSearch(database.url);
    for (const [name, value] of Object.entries(search)) console.log(`   ${name}: ${value}`);

    const jobs = await benchJobRunner(database.url);
    printJobRunner(jobs);
    const jobsOk = jobs.dispatch.confirmations === jobs.bookingsPerRound * (jobs.withRunnerPerSecond.length + 1);

    const api = await benchApi(database.url);
    console.log(`\n7. REST API on the same data: route handlers in-process, ${api.concurrency} clients at a time`);
    console.log(`   GET /api/v1/doctors (specialization + city + max price): ${api.searchPerSecond} req/s, p95 ${api.searchP95Ms} ms`);
    console.log(`   GET /api/v1/doctors/{id}/slots: ${api.slotsPerSecond} req/s, p95 ${api.slotsP95Ms} ms${api.errors ? ` (${api.errors} failed)` : ""}`);
    const scaleOut = await benchScaleOut(database.url);
    printScaleOut(scaleOut);
    const http = await runHttpPart(database.url);
    const front = await benchFront();
    printFront(front);

    const elapsedS = round((Date.now() - started) / 1000, 1);
    const results = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      postgres: database.version,
      server: database.server,
      loadAverageAtStart: load,
      elapsedS,
      slotEngine,
      race: { ...race, ok: raceOk },
      throughput,
      phases,
      jobs,
      search,
      scaleOut,
      api,
      http,
      front,
    };
    fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nDone in ${elapsedS} s; figures written to ${path.relative(process.cwd(), RESULTS)}`);
    if (!jobsOk) console.log("\nThe local runner lost or repeated confirmations in part 5 (see above).");
    if (!scaleOutOk(scaleOut)) console.log("\nSome requests failed in the scale-out part (see above): those figures are not valid.");
    if (!httpOk(http)) console.log("\nSome requests failed in the HTTP part (see above): those figures are not valid.");
    if (!frontOk(front)) console.log("\nA public page is over its JavaScript or Lighthouse budget (part 9, see above).");
    return raceOk && throughputOk && jobsOk && api.errors === 0 && scaleOutOk(scaleOut) && httpOk(http) ? 0 : 1;
  } finally {
    await database.close();
  }
}

async function runHttpPart(url: string): Promise<HttpResult> {
  console.log(`\n8. Over HTTP: the standalone server on the large dataset, autocannon at 1 and 10 connections (load ${os.loadavg()[0]!.toFixed(2)})`);
  const http = await benchHttp(url);
  if ("skipped" in http) console.log(`   skipped: ${http.skipped}`);
  else for (const line of httpBudgetLines(http)) console.log(line);
  return http;
}
