// Part 6: the same app on one standalone server and on two, behind the round-robin proxy
// of the two-server test (scripts/lib/standalone-cluster.ts): bookings per second (each
// patient posts the booking form for a distinct free slot, as a browser without JavaScript
// does) and doctor searches per second, both over HTTP through the proxy. On a machine
// whose cores also run PostgreSQL and the load generator, the second server shows how much
// of the work was the app server's; on separate machines it adds a server's worth.
import postgres from "postgres";
import { connectDatabase } from "../db/client";
import { benchServerEnv } from "./lib/database";
import { freePort, startRoundRobinProxy, startStandaloneServer, standaloneServerPath, type StandaloneServer } from "../scripts/lib/standalone-cluster";
import { postBooking, readBookingForm } from "../tests/scale-out/http-client";
import { sessionCookieFor } from "../tests/session-cookie";
import { firstSlots, seedDoctors, seedPatients } from "./lib/seed";
import { round, runPool, summarize } from "./lib/stats";

const DOCTORS_PER_ROUND = 40;
const SLOTS_PER_DOCTOR = 6;
const SEARCHES = 240;
const CONCURRENCY = 8;

export interface ScaleOutVariant {
  servers: number;
  bookingsPerSecond: number;
  bookingP95Ms: number;
  bookingErrors: number;
  searchesPerSecond: number;
  searchP95Ms: number;
  searchErrors: number;
}

export type ScaleOutResult = { variants: ScaleOutVariant[] } | { skipped: string };

export async function benchScaleOut(url: string): Promise<ScaleOutResult> {
  try {
    standaloneServerPath();
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const handle = connectDatabase(url, { max: 4 });
  const servers: StandaloneServer[] = [];
  try {
    const ports = [await freePort(), await freePort()];
    const env = benchServerEnv(url);
    servers.push(...(await Promise.all(ports.map((port, k) => startStandaloneServer({ name: `server-${k + 1}`, port, env })))));
    const slots = firstSlots(SLOTS_PER_DOCTOR, new Date()).map((slot) => slot.toISOString());
    const variants: ScaleOutVariant[] = [];
    for (const count of [1, 2]) {
      const proxy = await startRoundRobinProxy(servers.slice(0, count).map((server) => ({ name: server.name, url: server.url })));
      try {
        const doctors = await seedDoctors(sql, DOCTORS_PER_ROUND, `scale-${count}-doctor`);
        const patients = await seedPatients(sql, DOCTORS_PER_ROUND * SLOTS_PER_DOCTOR, `scale-${count}-patient`);
        const sessions = await Promise.all(patients.map((id) => sessionCookieFor(handle.db, { id, role: "patient" })));
        const form = await readBookingForm(proxy.url, sessions[0]!, doctors[0]!, slots[0]!);
        const work = patients.map((_, k) => ({
          session: sessions[k]!,
          doctorId: doctors[k % DOCTORS_PER_ROUND]!,
          startsAt: slots[Math.floor(k / DOCTORS_PER_ROUND)]!,
        }));
        // A few requests first, so both servers have compiled and cached what they serve.
        await runPool(Array.from({ length: 16 }), CONCURRENCY, () => fetch(`${proxy.url}/doctors?q=scale`).then((response) => response.text()));
        const booking = await runPool(work, CONCURRENCY, async (job) => {
          const answer = await postBooking(proxy.url, job.session, form, { doctorId: job.doctorId, startsAt: job.startsAt });
          if (answer.outcome !== "booked") throw new Error(`not booked: ${JSON.stringify(answer)}`);
        });
        const search = await runPool(Array.from({ length: SEARCHES }), CONCURRENCY, async () => {
          const response = await fetch(`${proxy.url}/doctors?q=scale-${count}-doctor`);
          await response.text();
          if (!response.ok) throw new Error(`search answered ${response.status}`);
        });
        const failed = (run: { results: PromiseSettledResult<unknown>[] }) => run.results.filter((result) => result.status === "rejected").length;
        variants.push({
          servers: count,
          bookingsPerSecond: round((work.length / booking.elapsedMs) * 1000, 0),
          bookingP95Ms: summarize(booking.latenciesMs).p95Ms,
          bookingErrors: failed(booking),
          searchesPerSecond: round((SEARCHES / search.elapsedMs) * 1000, 0),
          searchP95Ms: summarize(search.latenciesMs).p95Ms,
          searchErrors: failed(search),
        });
      } finally {
        await proxy.close();
      }
    }
    return { variants };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await handle.close();
    await sql.end({ timeout: 5 });
  }
}

export function printScaleOut(result: ScaleOutResult) {
  console.log(
    `\n6. Scale-out: standalone servers behind a round-robin proxy, ${CONCURRENCY} clients over HTTP (${DOCTORS_PER_ROUND * SLOTS_PER_DOCTOR} bookings, ${SEARCHES} searches per row)`,
  );
  if ("skipped" in result) {
    console.log(`   skipped: ${result.skipped}`);
    return;
  }
  for (const variant of result.variants)
    console.log(
      `   ${variant.servers} server${variant.servers === 1 ? " " : "s"}: bookings ${variant.bookingsPerSecond}/s (p95 ${Math.round(variant.bookingP95Ms)} ms, ${variant.bookingErrors} failed) · searches ${variant.searchesPerSecond}/s (p95 ${Math.round(variant.searchP95Ms)} ms, ${variant.searchErrors} failed)`,
    );
  const [one, two] = result.variants;
  if (one && two)
    console.log(
      `   two / one: bookings ×${round(two.bookingsPerSecond / one.bookingsPerSecond, 2)}, searches ×${round(two.searchesPerSecond / one.searchesPerSecond, 2)} (same machine: the servers share its cores with PostgreSQL and the clients)`,
    );
}
