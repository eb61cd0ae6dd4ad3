import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { rejectionOf } from "@/tests/factories";
import { clientIpFrom } from "./client-ip";
import { RateLimitedError, consumeRateLimit, dropExpiredRateLimits, enforceRateLimit, rateLimitsFrom, retryAfterText, type RateLimit } from "./rate-limits";

const db = useTestDb();

/** A limit of its own per test: the table is shared by every file running in parallel. */
const testLimit = (points: number, durationSeconds = 3600): RateLimit => ({ name: `test:${randomUUID()}`, points, durationSeconds, what: "test requests" });

describe("consumeRateLimit", () => {
  it("lets exactly `points` of 30 parallel requests through, in PostgreSQL, and says how long the rest must wait", async () => {
    const limit = testLimit(5);
    const answers = await Promise.all(Array.from({ length: 30 }, () => consumeRateLimit(db, limit, "203.0.113.9")));
    expect(answers.filter((answer) => answer === null)).toHaveLength(5);
    const waits = answers.filter((answer): answer is number => answer !== null);
    expect(waits).toHaveLength(25);
    for (const wait of waits) expect(wait).toBeGreaterThan(3590);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(3600);
  });

  it("counts each key and each limit apart", async () => {
    const [one, other] = [testLimit(1), testLimit(1)];
    expect(await consumeRateLimit(db, one, "a@example.test")).toBeNull();
    expect(await consumeRateLimit(db, one, "b@example.test")).toBeNull();
    expect(await consumeRateLimit(db, other, "a@example.test")).toBeNull();
    expect(await consumeRateLimit(db, one, "a@example.test")).not.toBeNull();
  });

  it("starts a new window once the old one ended", async () => {
    const limit = testLimit(1, 1);
    expect(await consumeRateLimit(db, limit, "198.51.100.1")).toBeNull();
    expect(await consumeRateLimit(db, limit, "198.51.100.1")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await consumeRateLimit(db, limit, "198.51.100.1")).toBeNull();
  });

  it("stores neither the address nor the IP, only a keyed hash", async () => {
    const marker = `marker-${randomUUID()}@example.test`;
    const limit = testLimit(3);
    await consumeRateLimit(db, limit, marker);
    const rows = await db
      .select()
      .from(rateLimits)
      .where(sql`${rateLimits.key} like ${`${limit.name}:%`}`);
    expect(rows).toHaveLength(1);
    expect(rows[0].key).not.toContain(marker);
    expect(rows[0].points).toBe(1);
  });

  it("is dropped by the sweep once its window ended, and not before", async () => {
    const [ended, running] = [testLimit(3, 1), testLimit(3, 3600)];
    await consumeRateLimit(db, ended, "k");
    await consumeRateLimit(db, running, "k");
    await dropExpiredRateLimits(db, new Date(Date.now() + 5_000));
    const names = (
      await db
        .select({ key: rateLimits.key })
        .from(rateLimits)
        .where(sql`${rateLimits.key} like 'test:%'`)
    ).map((row) => row.key.split(":").slice(0, 2).join(":"));
    expect(names).not.toContain(ended.name);
    expect(names).toContain(running.name);
  });
});

describe("enforceRateLimit", () => {
  it("refuses over the limit with the form's rate_limited error saying when to try again", async () => {
    const limit = testLimit(2);
    await enforceRateLimit(db, limit, "key");
    await enforceRateLimit(db, limit, "key");
    const error = await rejectionOf(enforceRateLimit(db, limit, "key"));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, message: "Too many test requests. Please try again in 60 minutes." });
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(3590);
  });
});

describe("the limits", () => {
  it("take the admin's counts, with the windows of issue #13", () => {
    const limits = rateLimitsFrom({
      accountEmailsPerAddressPerHour: 5,
      accountEmailsPerIpPerHour: 20,
      registrationsPerIpPerHour: 10,
      signInAttemptsPerIpPer15Minutes: 20,
    });
    expect(Object.fromEntries(Object.entries(limits).map(([key, value]) => [key, [value.points, value.durationSeconds]]))).toEqual({
      signInPerIp: [20, 900],
      registrationPerIp: [10, 3600],
      accountEmailPerAddress: [5, 3600],
      accountEmailPerIp: [20, 3600],
    });
  });

  it.each([
    [1, "in 1 second"],
    [59, "in 59 seconds"],
    [60, "in 1 minute"],
    [61, "in 2 minutes"],
    [3600, "in 60 minutes"],
    [7200, "in 2 hours"],
  ])("%i s reads %s", (seconds, text) => {
    expect(retryAfterText(seconds)).toBe(text);
  });
});

describe("clientIpFrom", () => {
  it.each([
    [{ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, "203.0.113.7"],
    [{ "x-forwarded-for": "::ffff:127.0.0.1" }, "127.0.0.1"],
    [{ "x-forwarded-for": " 2001:DB8::1 " }, "2001:db8::1"],
    [{ "x-real-ip": "198.51.100.4" }, "198.51.100.4"],
    [{}, "unknown"],
  ])("%j → %s", (headers, ip) => {
    expect(clientIpFrom(new Headers(headers))).toBe(ip);
  });
});
