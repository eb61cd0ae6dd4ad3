// /api/metrics as Prometheus scrapes it: refused without the bearer token, and the
// figures the issue names — request latency, bookings, sign-in failures, the outbox
// backlog and job runs — in the exposition format, counted from real work.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertOutboxEvent } from "@/db/queries/outbox";
import { jobRuns } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { bookAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { observeRequestLatency } from "@/lib/observability/request-timing";
import { routeLabel } from "@/lib/observability/metrics";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { TEST_NOW, createDoctor, createPatients, localInstant } from "@/tests/factories";

const TOKEN = "metrics-token-for-the-test-0123";
let database: IsolatedDatabase;
let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  // A database of its own: the backlog and run counts are exact.
  database = await createIsolatedDatabase("metrics");
  process.env.DATABASE_URL = database.url;
  process.env.METRICS_TOKEN = TOKEN;
  ({ GET } = await import("./route"));
});
afterAll(async () => {
  const app = globalThis as { __careslotDb?: { close: () => Promise<void> } };
  await app.__careslotDb?.close();
  app.__careslotDb = undefined;
  await database?.drop();
});

const scrape = (authorization?: string) => GET(new Request("http://localhost:3000/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of one sample line ("name{labels} value"). */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/api/metrics", () => {
  it("answers 401 without the bearer token or with a wrong one", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer not-the-token-not-the-token")).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
  });

  it("counts bookings, taken slots, failed sign-ins, the outbox backlog and job runs", async () => {
    const doctor = await createDoctor(database.db);
    const [first, second] = await createPatients(database.db, 2);
    const startsAt = localInstant("2030-03-05", "10:00");
    await bookAppointment(database.db, { patientId: first!.id, doctorId: doctor.id, startsAt, reason: "" }, TEST_NOW);
    await expect(bookAppointment(database.db, { patientId: second!.id, doctorId: doctor.id, startsAt, reason: "" }, TEST_NOW)).rejects.toBeInstanceOf(AppError);
    expect(await verifyCredentials(database.db, first!.email, "wrong password", new Date())).toMatchObject({ ok: false, reason: "invalid" });
    await insertOutboxEvent(database.db, "test/unsent", {});
    await database.db
      .insert(jobRuns)
      .values({ id: crypto.randomUUID(), functionId: "f", eventName: "e", event: { id: "e1", name: "e", data: {}, ts: 0 }, status: "failed" });

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(sample(body, 'careslot_bookings_total{outcome="booked"}')).toBe(1);
    expect(sample(body, 'careslot_bookings_total{outcome="taken"}')).toBe(1);
    expect(sample(body, 'careslot_sign_in_failures_total{reason="invalid"}')).toBe(1);
    // The booking's own event and the unsent one wait: no runner in this test.
    expect(sample(body, "careslot_outbox_pending")).toBe(2);
    expect(sample(body, "careslot_outbox_oldest_pending_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'careslot_job_runs{status="failed"}')).toBe(1);
    expect(sample(body, 'careslot_job_runs{status="completed"}')).toBe(0);
    expect(body).toContain("careslot_process_cpu_user_seconds_total");
  });

  it("times every request a Node server answers, by route with ids folded", async () => {
    observeRequestLatency();
    const server = http.createServer((_request, response) => setTimeout(() => response.end("ok"), 30));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/doctors/0f4f5e2c-8a11-4a57-9d6b-7b0c7a521f0e?date=2030-03-05`).then((r) => r.text());
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const body = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sample(body, 'careslot_http_request_duration_seconds_count{method="GET",route="/doctors/:id",status="200"}')).toBe(1);
    expect(sample(body, 'careslot_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/doctors/:id",status="200"}')).toBe(0);
    expect(sample(body, 'careslot_http_request_duration_seconds_bucket{le="10",method="GET",route="/doctors/:id",status="200"}')).toBe(1);
  });

  it("keeps route labels bounded", () => {
    expect(routeLabel("/patient/appointments/0f4f5e2c-8a11-4a57-9d6b-7b0c7a521f0e/booked?x=1")).toBe("/patient/appointments/:id/booked");
    expect(routeLabel("/_next/static/chunks/abc123.js")).toBe("/_next/static/*");
    expect(routeLabel("/admin/reports/2026/11")).toBe("/admin/reports/:id/:id");
    expect(routeLabel("/a/b/c/d/e/f/g")).toBe("/a/b/c/d/*");
  });
});

describe("/api/metrics without METRICS_TOKEN", () => {
  it("does not exist (404), so a forgotten variable never opens it", async () => {
    delete process.env.METRICS_TOKEN;
    vi.resetModules(); // a fresh lib/env, which reads the environment again
    const { GET: withoutToken } = await import("./route");
    expect((await withoutToken(new Request("http://localhost:3000/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }))).status).toBe(404);
    const { parseEnv } = await import("@/lib/env-schema");
    expect(parseEnv({ ...process.env, METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(() => parseEnv({ ...process.env, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});
