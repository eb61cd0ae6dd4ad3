// Request limits counted in PostgreSQL (per IP without a token, per user with
// one, bookings per user), answered with 429, Retry-After and the RateLimit
// headers; and CORS for the origins in API_CORS_ORIGINS only.
import { describe, expect, it, vi } from "vitest";
import { createDoctor, createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { api, randomIp, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

vi.hoisted(() => {
  process.env.API_CORS_ORIGINS = "https://clinic.example, https://app.example";
});

const db = useTestDb();

describe("rate limits", () => {
  it("100 requests an hour from one IP without a token; the 101st is 429 with Retry-After", { timeout: 60_000 }, async () => {
    const ip = randomIp();
    const headers = { "x-forwarded-for": ip };
    let last: Response | undefined;
    for (let i = 0; i < 100; i++) {
      last = await api("GET", "/specializations?limit=1", { headers });
      expect(last.status).toBe(200);
    }
    expect(last!.headers.get("ratelimit-policy")).toBe('"anonymous";q=100;w=3600');
    expect(last!.headers.get("ratelimit")).toMatch(/^"anonymous";r=0;t=\d+$/);
    const refused = await api("GET", "/specializations", { headers });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    // The refusal carries the limit's headers too (draft-ietf-httpapi-ratelimit-headers), its reset matching Retry-After.
    expect(refused.headers.get("ratelimit-policy")).toBe('"anonymous";q=100;w=3600');
    expect(refused.headers.get("ratelimit")).toBe(`"anonymous";r=0;t=${refused.headers.get("retry-after")}`);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(((await refused.clone().json()) as { code: string }).code).toBe("rate_limited");
    await expectDocumented(refused, "/specializations", "get");
    // Another network is counted apart.
    expect((await api("GET", "/specializations", { headers: { "x-forwarded-for": randomIp() } })).status).toBe(200);
  });

  it("a signed-in caller is counted per user (1000 an hour), and bookings 20 an hour", { timeout: 60_000 }, async () => {
    const patient = await createPatient(db);
    const doctor = await createDoctor(db);
    const token = await tokenFor(patient, "patient");
    const me = await api("GET", "/me", { token });
    expect(me.headers.get("ratelimit-policy")).toBe('"user";q=1000;w=3600');
    for (let i = 0; i < 20; i++) {
      const attempt = await api("POST", "/appointments", { token, body: { doctor_id: doctor.id, starts_at: "not a time" } });
      expect(attempt.status).toBe(422);
    }
    const refused = await api("POST", "/appointments", { token, body: { doctor_id: doctor.id, starts_at: "not a time" } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("ratelimit")).toContain('"booking";r=0');
    expect(refused.headers.get("ratelimit-policy")).toContain('"booking";q=20;w=3600');
    await expectDocumented(refused, "/appointments", "post");
    // Reading is not booking.
    expect((await api("GET", "/appointments", { token })).status).toBe(200);
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    api("OPTIONS", "/appointments", {
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });

  it("answers a preflight from an allowed origin", async () => {
    const response = await preflight("https://clinic.example");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://clinic.example");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    const real = await api("GET", "/specializations", { headers: { origin: "https://app.example" } });
    expect(real.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(real.headers.get("access-control-expose-headers")).toContain("RateLimit");
  });

  it("refuses a preflight from any other origin, and never allows it on a real request", async () => {
    const response = await preflight("https://evil.example");
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const real = await api("GET", "/specializations", { headers: { origin: "https://evil.example" } });
    expect(real.status).toBe(200);
    expect(real.headers.get("access-control-allow-origin")).toBeNull();
  });
});
