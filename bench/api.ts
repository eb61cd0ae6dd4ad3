// Part 7: the REST API on the large dataset (bench/seed-large.ts): doctor
// search and a doctor's free slots through the /api/v1 route handlers — the
// whole pipeline (token-less caller, rate-limit upsert in PostgreSQL, zod,
// service, JSON) — called in-process (no HTTP) by 10 clients at a time. Part 8
// (bench/http.ts) measures the same two over HTTP at 1 and 10 connections.
import postgres from "postgres";
import { BENCH_CITIES, BENCH_SPECIALIZATIONS, LARGE, doctorIdSql } from "./seed-large";
import { round, runPool, summarize } from "./lib/stats";

const CONCURRENCY = 10;
const REQUESTS = { search: 200, slots: 300 } as const;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export interface ApiFigures {
  concurrency: number;
  searchPerSecond: number;
  searchP95Ms: number;
  slotsPerSecond: number;
  slotsP95Ms: number;
  errors: number;
}

export async function benchApi(databaseUrl: string): Promise<ApiFigures> {
  // One client address: bench/lib/database.ts raised the anonymous limit before the configuration was first read.
  // Public doctors only: bench/seed-large.ts makes every hundredth 96–98 pending or rejected and 99 inactive; their pages answer 404.
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const doctorIds = (
    await sql.unsafe<{ id: string }[]>(
      `select ${doctorIdSql("n")} as id from generate_series(0, ${LARGE.doctors - 1}, 37) as n where n % 100 not in (96, 97, 98, 99)`,
    )
  ).map((row) => row.id);
  await sql.end({ timeout: 5 });

  const { GET: search } = await import("../app/api/v1/doctors/route");
  const { GET: slots } = await import("../app/api/v1/doctors/[id]/slots/route");
  let errors = 0;
  const call = async (response: Promise<Response>) => {
    const answer = await response;
    if (answer.status !== 200) errors++;
    await answer.arrayBuffer();
  };
  const base = "http://localhost:3000/api/v1";
  const headers = { "x-forwarded-for": "198.51.100.7" };

  const searches = Array.from({ length: REQUESTS.search }, (_, i) => i);
  const searchRun = await runPool(searches, CONCURRENCY, (i) =>
    call(
      search(
        new Request(
          `${base}/doctors?specialization=${slug(BENCH_SPECIALIZATIONS[i % 10]!)}&city=${encodeURIComponent(BENCH_CITIES[(i * 7) % 20]![0])}&maxPrice=200&sort=rating`,
          { headers },
        ),
      ),
    ),
  );
  const slotRequests = Array.from({ length: REQUESTS.slots }, (_, i) => doctorIds[i % doctorIds.length]!);
  const slotRun = await runPool(slotRequests, CONCURRENCY, (id) =>
    call(slots(new Request(`${base}/doctors/${id}/slots?tz=Europe/London&limit=100`, { headers }), { params: Promise.resolve({ id }) })),
  );
  const perSecond = (run: { elapsedMs: number }, n: number) => round((n / run.elapsedMs) * 1000, 0);
  return {
    concurrency: CONCURRENCY,
    searchPerSecond: perSecond(searchRun, REQUESTS.search),
    searchP95Ms: summarize(searchRun.latenciesMs).p95Ms,
    slotsPerSecond: perSecond(slotRun, REQUESTS.slots),
    slotsP95Ms: summarize(slotRun.latenciesMs).p95Ms,
    errors: errors + [...searchRun.results, ...slotRun.results].filter((result) => result.status === "rejected").length,
  };
}
