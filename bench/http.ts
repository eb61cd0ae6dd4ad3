// Part 8: what a patient feels, over HTTP. The standalone server (what `next start`
// serves; `npm run build` makes it) runs on the large dataset (bench/seed-large.ts,
// placed relative to the real clock, since the server reads it), and autocannon
// drives it at 1 and 10 connections: the home page, three /doctors searches, doctor
// pages spread over the table, a change of day in the doctor page's slot picker (the
// in-place request the browser makes), and the booking form (each client posting it
// for a distinct free slot, as a browser without JavaScript does); and the REST API's
// doctor search and free slots. /api/health, the framework plus one query, is the
// ceiling measured in the same run.
//
// Alone: `npm run bench -- http` (after `npm run build`). BENCH_HTTP_SECONDS sets each
// run's length (default 10).
import autocannon from "autocannon";
import postgres from "postgres";
import { connectDatabase } from "../db/client";
import { benchServerEnv } from "./lib/database";
import { freePort, standaloneServerPath, startStandaloneServer } from "../scripts/lib/standalone-cluster";
import { postBooking, readBookingForm } from "../tests/scale-out/http-client";
import { sessionCookieFor } from "../tests/session-cookie";
import { firstSlots, seedDoctors, seedPatients } from "./lib/seed";
import { round, runPool, summarize } from "./lib/stats";
import { fillFreeTimeIndex } from "./search";
import { BENCH_CITIES, BENCH_SPECIALIZATIONS, LARGE, LARGE_NOW, doctorIdSql, largeDatasetPresent, seedLargeDataset } from "./seed-large";

export const HTTP_CONNECTIONS = [1, 10] as const;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const BOOKINGS = { 1: 40, 10: 160 } as const;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export interface HttpRun {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
}

/** Budgets at 10 connections, from issue 21 (null: measured, no budget). */
export const HTTP_BUDGETS: Record<string, { minPerSecond?: number; maxP95Ms?: number }> = {
  "/doctors?specialization=cardiology&city=Madrid&maxPrice=200": { minPerSecond: 150, maxP95Ms: 100 },
  "/doctors (no filter)": { minPerSecond: 150, maxP95Ms: 100 },
  "/doctors?within=7&sort=earliest": { maxP95Ms: 150 },
  "/doctors/[id]": { minPerSecond: 200, maxP95Ms: 80 },
};

export type HttpResult = { runs: Record<string, HttpRun[]> } | { skipped: string };

interface Target {
  name: string;
  /** One path per request, taken in turn (doctor pages spread over the table). */
  paths: string[];
  /** Each path asked once, across both runs and without a warm-up: every request is a page's first visit. */
  once?: boolean;
  headers?: Record<string, string>;
}

export async function benchHttp(databaseUrl: string, log: (line: string) => void = console.log): Promise<HttpResult> {
  try {
    standaloneServerPath();
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const handle = connectDatabase(databaseUrl, { max: 4 });
  try {
    if (!(await largeDatasetPresent(sql))) {
      log("   seeding the large dataset…");
      await seedLargeDataset(sql, (line) => log(`   ${line}`));
    }
    // As the job runner keeps it; the server's own runner takes over from here.
    await fillFreeTimeIndex(handle.db, new Date());
    const server = await startStandaloneServer({
      name: "bench-http",
      port: await freePort(),
      env: benchServerEnv(databaseUrl),
    });
    try {
      const targets = await httpTargets(sql);
      const runs: Record<string, HttpRun[]> = {};
      for (const target of targets) {
        if (!target.once) await load(server.url, target, 2, 2); // compile, fill caches
        runs[target.name] = [];
        for (const connections of HTTP_CONNECTIONS) runs[target.name]!.push(await load(server.url, target, connections, SECONDS));
        log(`   ${target.name}: ${runs[target.name]!.map(describe).join(" · ")}`);
      }
      runs["booking (form post)"] = [];
      for (const connections of HTTP_CONNECTIONS) runs["booking (form post)"]!.push(await bookings(server.url, sql, handle.db, connections));
      log(`   booking (form post): ${runs["booking (form post)"]!.map(describe).join(" · ")}`);
      return { runs };
    } finally {
      await server.stop();
    }
  } finally {
    await handle.close();
    await sql.end({ timeout: 5 });
  }
}

async function httpTargets(sql: postgres.Sql): Promise<Target[]> {
  // Public doctors only (bench/seed-large.ts: every hundredth 96–98 is pending or rejected, 99 inactive).
  const doctorIds = (
    await sql.unsafe<{ id: string }[]>(
      `select ${doctorIdSql("n")} as id from generate_series(0, ${LARGE.doctors - 1}, 37) as n where n % 100 not in (96, 97, 98, 99) and n % 53 <> 7`,
    )
  ).map((row) => row.id);
  // Doctors no other target visits (n not a multiple of 37): pages the page cache has never seen.
  const unvisitedIds = (
    await sql.unsafe<{ id: string }[]>(
      `select ${doctorIdSql("n")} as id from generate_series(0, ${LARGE.doctors - 1}) as n where n % 37 <> 0 and n % 100 not in (96, 97, 98, 99) and n % 53 <> 7 limit 4000`,
    )
  ).map((row) => row.id);
  const day = (offset: number) => new Date(LARGE_NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const searches = BENCH_SPECIALIZATIONS.flatMap((specialization, i) => {
    const city = BENCH_CITIES[(i * 7) % 20]![0];
    return `/doctors?specialization=${slug(specialization)}&city=${encodeURIComponent(city)}&maxPrice=200`;
  });
  return [
    { name: "/api/health (ceiling)", paths: ["/api/health"] },
    { name: "/", paths: ["/"] },
    // The issue's own example first, then the other specialization + city pairs.
    {
      name: "/doctors?specialization=cardiology&city=Madrid&maxPrice=200",
      paths: ["/doctors?specialization=cardiology&city=Madrid&maxPrice=200", ...searches],
    },
    { name: "/doctors (no filter)", paths: ["/doctors"] },
    { name: "/doctors?within=7&sort=earliest", paths: ["/doctors?within=7&sort=earliest"] },
    { name: "/doctors/[id]", paths: doctorIds.map((id) => `/doctors/${id}`) },
    { name: "/doctors/[id], first visit of each (page cache cold)", paths: unvisitedIds.map((id) => `/doctors/${id}`), once: true },
    // The REST API over HTTP (part 7 calls the same handlers in-process): anonymous callers, the per-IP
    // limit raised for the bench (bench/lib/database.ts), so every request goes through its PostgreSQL count.
    {
      name: "GET /api/v1/doctors (specialization + city + max price)",
      paths: searches.map((search) => `/api${search.replace("/doctors", "/v1/doctors")}`),
      headers: { accept: "application/json" },
    },
    {
      name: "GET /api/v1/doctors/{id}/slots",
      paths: doctorIds.map((id) => `/api/v1/doctors/${id}/slots?tz=Europe/London&limit=100`),
      headers: { accept: "application/json" },
    },
    {
      name: "slot picker: another day (in-place request)",
      // `_rsc`: Next answers a request with the RSC header but without it by a redirect to the same URL with it.
      paths: doctorIds.map((id, i) => `/doctors/${id}?date=${day(1 + (i % 12))}&_rsc`),
      headers: { RSC: "1", accept: "*/*" },
    },
  ];
}

/** What a browser's page load asks for (the page cache answers only those: lib/page-cache/requests.ts). */
const PAGE_LOAD_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** Where a `once` target's next run goes on. */
const cursors = new Map<Target, number>();

function load(baseUrl: string, target: Target, connections: number, seconds: number): Promise<HttpRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let next = target.once ? (cursors.get(target) ?? 0) : 0;
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        headers: target.headers ?? { accept: PAGE_LOAD_ACCEPT },
        requests: [{ setupRequest: (request) => ({ ...request, path: target.paths[next++ % target.paths.length]! }) }],
      },
      (error, result) => {
        if (target.once) cursors.set(target, next);
        if (error) return reject(error);
        if (target.once && next > target.paths.length) return reject(new Error(`${target.name}: ran out of unvisited pages`));
        const summary = summarize(latencies);
        const sorted = [...latencies].sort((a, b) => a - b);
        resolve({
          connections,
          requestsPerSecond: round(result.requests.total / (result.duration || seconds), 0),
          p50Ms: summary.medianMs,
          p95Ms: summary.p95Ms,
          p99Ms: round(sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? NaN),
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Each patient posts the booking form once, for a distinct free slot of one of a few fresh doctors. */
async function bookings(baseUrl: string, sql: postgres.Sql, db: ReturnType<typeof connectDatabase>["db"], connections: number): Promise<HttpRun> {
  const count = BOOKINGS[connections as keyof typeof BOOKINGS] ?? 40;
  const slotsPerDoctor = 8;
  const doctors = await seedDoctors(sql, Math.ceil(count / slotsPerDoctor), `http-${connections}-doctor`);
  const patients = await seedPatients(sql, count, `http-${connections}-patient`);
  const sessions = await Promise.all(patients.map((id) => sessionCookieFor(db, { id, role: "patient" })));
  const slots = firstSlots(slotsPerDoctor, new Date()).map((slot) => slot.toISOString());
  const form = await readBookingForm(baseUrl, sessions[0]!, doctors[0]!, slots[0]!);
  const work = patients.map((_, k) => ({ session: sessions[k]!, doctorId: doctors[k % doctors.length]!, startsAt: slots[Math.floor(k / doctors.length)]! }));
  const run = await runPool(work, connections, async (job) => {
    const answer = await postBooking(baseUrl, job.session, form, { doctorId: job.doctorId, startsAt: job.startsAt });
    if (answer.outcome !== "booked") throw new Error(`not booked: ${JSON.stringify(answer)}`);
  });
  const summary = summarize(run.latenciesMs);
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  return {
    connections,
    requestsPerSecond: round((count / run.elapsedMs) * 1000, 0),
    p50Ms: summary.medianMs,
    p95Ms: summary.p95Ms,
    p99Ms: round(sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? NaN),
    errors: run.results.filter((result) => result.status === "rejected").length,
  };
}

function describe(run: HttpRun): string {
  return `${run.connections} conn: ${run.requestsPerSecond} req/s, p50 ${Math.round(run.p50Ms)} / p95 ${Math.round(run.p95Ms)} / p99 ${Math.round(run.p99Ms)} ms${run.errors ? `, ${run.errors} failed` : ""}`;
}

/** The figures at 10 connections next to their budgets, for the report. */
export function httpBudgetLines(result: HttpResult): string[] {
  if ("skipped" in result) return [];
  return Object.entries(HTTP_BUDGETS).map(([name, budget]) => {
    const run = result.runs[name]?.find((r) => r.connections === 10);
    if (!run) return `   ${name}: not measured`;
    const rate =
      budget.minPerSecond === undefined
        ? ""
        : `${run.requestsPerSecond} req/s (budget ≥ ${budget.minPerSecond}) ${run.requestsPerSecond >= budget.minPerSecond ? "ok" : "OVER"}`;
    const p95 =
      budget.maxP95Ms === undefined ? "" : `p95 ${Math.round(run.p95Ms)} ms (budget ≤ ${budget.maxP95Ms}) ${run.p95Ms <= budget.maxP95Ms ? "ok" : "OVER"}`;
    return `   ${name} at 10 connections: ${[rate, p95].filter(Boolean).join(", ")}`;
  });
}
