// Search at marketplace scale: 10,000 doctors and 1,000,000 appointments
// (bench/seed-large.ts), timing the server-side work of three requests
// in-process (no HTTP, no rendering), each as the page does it:
// 1. specialization + city + max price, sorted by rating;
// 2. every doctor with a free slot within 7 days, sorted by earliest slot;
// 3. a doctor page: profile, rating summary, first page of reviews and the
//    booking panel's free slots.
//
// `npm run bench` calls benchSearch(url) on its own fresh database; alone:
//   npx tsx bench/search.ts [--keep] [--fresh]
// runs against a database of its own (careslot_bench_search on DATABASE_URL's
// server, else an embedded PostgreSQL), prints the figures and the EXPLAIN
// summary, and drops it unless --keep (then --fresh re-seeds).
import { register } from "node:module";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { BENCH_CITIES, BENCH_SPECIALIZATIONS, LARGE, LARGE_NOW, doctorIdSql, largeDatasetPresent, seedLargeDataset } from "./seed-large";

const WARM_UP = 5;
const RUNS = { rating: 60, earliest: 30, doctorPage: 60 } as const;

function summarise(timings: number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: Math.round(at(0.5) * 10) / 10, p95Ms: Math.round(at(0.95) * 10) / 10 };
}

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < WARM_UP; i++) await work(i);
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i + WARM_UP);
    timings.push(performance.now() - started);
  }
  return summarise(timings);
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** Seeds the large dataset if it is not there, then times the three requests. */
export async function benchSearch(databaseUrl: string): Promise<Record<string, number>> {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let seedSeconds = 0;
  try {
    if (!(await largeDatasetPresent(admin))) {
      console.log(
        `   seeding ${LARGE.doctors.toLocaleString("en-GB")} doctors and ${(LARGE.doctors * LARGE.appointmentsPerDoctor).toLocaleString("en-GB")} appointments…`,
      );
      seedSeconds = await seedLargeDataset(admin, (line) => console.log(`   ${line}`));
    }
  } finally {
    await admin.end({ timeout: 5 });
  }

  // Imported here, not at the top: the services import "server-only", which
  // the caller's resolve hook (bench/index.ts, or main below) must map first.
  const { connectDatabase } = await import("../db/client");
  const { getBookableDoctor } = await import("../db/queries/profiles");
  const { listSpecializations } = await import("../db/queries/specializations");
  const { freeSlotDays } = await import("../lib/booking/slot-view");
  const { loadDoctorPublicData } = await import("../lib/profiles/doctor-page");
  const { parseSearchParams } = await import("../lib/search/params");
  const { searchDoctors } = await import("../lib/search/service");

  const handle = connectDatabase(databaseUrl, { max: 10 });
  try {
    const db = handle.db;
    // What the job runner does every minute (inngest/functions/refresh-free-time.ts), here for every doctor at once.
    const indexSeconds = await fillFreeTimeIndex(db, LARGE_NOW);
    const specializations = await listSpecializations(db);
    const context = { now: LARGE_NOW, viewerTimeZone: "Europe/Berlin" };
    const search = (raw: Record<string, string>) => searchDoctors(db, parseSearchParams(raw, specializations).query, context);

    // 1. A different specialization and city each time, as real traffic would be.
    const rating = await timed(RUNS.rating, (i) =>
      search({ specialization: slug(BENCH_SPECIALIZATIONS[i % 10]!), city: BENCH_CITIES[(i * 7) % 20]![0], maxPrice: "200", sort: "rating" }),
    );
    // 2. No other filter: the worst case, all 10,000 doctors are candidates.
    const earliest = await timed(RUNS.earliest, () => search({ within: "7", sort: "earliest" }));
    // 3. Doctors spread over the table.
    const doctorIds = await sampleDoctorIds(databaseUrl, RUNS.doctorPage + WARM_UP);
    const doctorPage = await timed(RUNS.doctorPage, async (i) => {
      const doctor = await getBookableDoctor(db, doctorIds[i % doctorIds.length]!);
      if (!doctor) throw new Error("bench doctor missing");
      await Promise.all([
        loadDoctorPublicData(db, doctor.id, { reviewPage: 1 }),
        freeSlotDays(db, doctor, { viewerTimeZone: "Europe/London", now: LARGE_NOW }),
      ]);
    });

    return {
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      freeTimeIndexSeconds: Math.round(indexSeconds * 10) / 10,
      searchSpecCityPriceByRatingMedianMs: rating.medianMs,
      searchSpecCityPriceByRatingP95Ms: rating.p95Ms,
      searchEarliestWithin7DaysMedianMs: earliest.medianMs,
      searchEarliestWithin7DaysP95Ms: earliest.p95Ms,
      doctorPageMedianMs: doctorPage.medianMs,
      doctorPageP95Ms: doctorPage.p95Ms,
    };
  } finally {
    await handle.close();
  }
}

/** Computes every stale free-time index row (all of them after seeding); returns the seconds it took. */
export async function fillFreeTimeIndex(db: import("../db/client").Db, now: Date): Promise<number> {
  const { refreshFreeTime } = await import("../lib/search/free-time");
  const started = performance.now();
  while ((await refreshFreeTime(db, { now, limit: 1000 })).more);
  return (performance.now() - started) / 1000;
}

async function sampleDoctorIds(databaseUrl: string, count: number): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql.unsafe<{ id: string }[]>(
      `select ${doctorIdSql("n")} as id from generate_series(0, ${LARGE.doctors - 1}, ${Math.floor(LARGE.doctors / count)}) as n`,
    );
    const verified = await sql<
      { id: string }[]
    >`select user_id as id from doctor_profiles where user_id in ${sql(rows.map((r) => r.id))} and verification_status = 'verified'`;
    return verified.map((row) => row.id);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The plan lines that show which indexes the three requests use (EXPLAIN ANALYZE, costs off). */
export async function explainSearch(databaseUrl: string): Promise<string[]> {
  const { sql } = await import("drizzle-orm");
  const { connectDatabase } = await import("../db/client");
  const { candidateStatement } = await import("../db/queries/search");
  const { listSpecializations } = await import("../db/queries/specializations");
  const { listVisibleReviews } = await import("../db/queries/reviews");
  const handle = connectDatabase(databaseUrl, { max: 1 });
  const lines: string[] = [];
  try {
    const db = handle.db;
    const cardiology = (await listSpecializations(db)).find((s) => s.slug === "cardiology")!;
    const [doctor] = (await db.execute(sql.raw(`select ${doctorIdSql("1234")} as id`))) as unknown as { id: string }[];
    const week = new Date(LARGE_NOW.getTime() + 7 * 86_400_000);
    const statements = {
      "1. specialization + city + max price by rating": candidateStatement({
        filters: { specializationId: cardiology.id, city: "Berlin", maxPriceMinor: 20_000 },
        order: "rating",
        limit: 10,
        offset: 0,
      }),
      "2. earliest within 7 days (bound query, all doctors)": candidateStatement({
        filters: {},
        order: "earliest",
        window: { now: LARGE_NOW, windowEnd: week },
        limit: 40,
        offset: 0,
      }),
      "3a. doctor page: reviews, newest first": listVisibleReviews(db, doctor!.id, { limit: 10, offset: 0 }).getSQL(),
      // The WHERE of db/queries/availability.ts getBusyIntervals, as the booking panel runs it.
      "3b. doctor page: busy time for the slot engine": sql`select starts_at, ends_at from appointments where doctor_id = ${doctor!.id} and status <> 'cancelled'
        and starts_at < ${new Date(LARGE_NOW.getTime() + 61 * 86_400_000).toISOString()}::timestamptz and ends_at > ${LARGE_NOW.toISOString()}::timestamptz
        and (status <> 'pending_payment' or hold_expires_at > ${LARGE_NOW.toISOString()}::timestamptz)`,
      "3c. name search (trigram)": candidateStatement({ filters: { nameQuery: "josé weber" }, order: "rating", limit: 10, offset: 0 }),
    };
    for (const [label, statement] of Object.entries(statements)) {
      const plan = await db.transaction(async (tx) => {
        await tx.execute(sql`set local jit = off`);
        return (await tx.execute(sql`explain (analyze, costs off) ${statement}`)) as unknown as { "QUERY PLAN": string }[];
      });
      lines.push(label);
      for (const row of plan) {
        const line = row["QUERY PLAN"];
        if (/Index|Bitmap|Seq Scan on (doctor_profiles|users|availability_rules|reviews|appointments)|Execution Time/.test(line))
          lines.push(`   ${line.trim()}`);
      }
    }
  } finally {
    await handle.close();
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // As bench/index.ts: map "server-only" to an empty module before any service loads.
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const { migrateDatabase } = await import("../db/migrate");
  const { dropDatabase, ensureDatabase, startDatabaseServer } = await import("../scripts/lib/database-server");
  const keep = process.argv.includes("--keep");
  const server = await startDatabaseServer({ name: "pg-bench", port: 54332 });
  const name = "careslot_bench_search";
  try {
    const url = await ensureDatabase(server.adminUrl, name, { fresh: !keep || process.argv.includes("--fresh") });
    await migrateDatabase(url);
    console.log(
      `Search bench · ${LARGE.doctors.toLocaleString("en-GB")} doctors · ${(LARGE.doctors * LARGE.appointmentsPerDoctor).toLocaleString("en-GB")} appointments`,
    );
    const figures = await benchSearch(url);
    console.log(JSON.stringify(figures, null, 2));
    console.log("\nEXPLAIN (index use):");
    for (const line of await explainSearch(url)) console.log(`  ${line}`);
    if (!keep) await dropDatabase(server.adminUrl, name);
  } finally {
    await server.stop();
  }
}
