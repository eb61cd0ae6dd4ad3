// The SDK as the server starts it with SENTRY_DSN set, its envelopes caught by a
// transport of the test's own (no network): an error raised while a patient's request
// carried health data reaches "Sentry" without any of it.
import { createTransport } from "@sentry/core";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";
import { useTestDb } from "@/tests/db";
import { sentryEnabled, startSentry } from "./sentry";

const db = useTestDb({ max: 1 });

describe("startSentry with SENTRY_DSN", () => {
  it("sends errors through beforeSend's scrubber", { timeout: 20_000 }, async () => {
    const sent: string[] = [];
    const transport = (options: Parameters<typeof createTransport>[0]) =>
      createTransport(options, async (request) => {
        sent.push(typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body));
        return { statusCode: 200 };
      });
    await startSentry(parseEnv({ ...process.env, SENTRY_DSN: "https://public@sentry.example/1" }), { transport });
    expect(sentryEnabled()).toBe(true);

    const Sentry = await import("@sentry/nextjs");
    Sentry.withScope((scope) => {
      scope.setUser({ id: "user-1", email: "anna@careslot.example", ip_address: "203.0.113.9" });
      scope.setSDKProcessingMetadata({
        normalizedRequest: {
          url: "https://careslot.example/doctors/x?reason=chest%20pain",
          method: "POST",
          query_string: "reason=chest%20pain",
          data: "reason=HIV+follow-up",
          cookies: { "authjs.session-token": "eyJsecret" },
          headers: { cookie: "authjs.session-token=eyJsecret", "user-agent": "Firefox" },
        },
      });
      Sentry.captureException(new Error("booking failed"));
    });
    await Sentry.flush(5_000);

    expect(sent).toHaveLength(1);
    // An envelope: a header line, then each item's header and body; the event is the first item.
    const event = JSON.parse(sent[0]!.split("\n")[2]!) as {
      user: unknown;
      request: unknown;
      exception: { values: { value: string; stacktrace: { frames: Record<string, unknown>[] } }[] };
    };
    expect(event.exception.values[0]!.value).toBe("booking failed");
    expect(event.user).toEqual({ id: "user-1" });
    // Not even the harmless headers: the SDK was told to collect none (dataCollection), and the scrubber drops the rest.
    expect(event.request).toEqual({ method: "POST", url: "https://careslot.example/doctors/x" });
    const frames = event.exception.values.flatMap((value) => value.stacktrace.frames);
    expect(frames.some((frame) => "vars" in frame)).toBe(false);
    // Frames carry lines of source code (this test's own, here, which quote the data): the rest carries none of it.
    const withoutSource = frames.map((frame) => Object.fromEntries(Object.entries(frame).filter(([key]) => !/^(pre|post)_context$|^context_line$/.test(key))));
    expect(JSON.stringify({ ...event, exception: withoutSource })).not.toMatch(/chest|HIV|anna@|203\.0\.113|eyJsecret/);

    // A real failed query: Drizzle's error lists its parameters, PostgreSQL's (its cause, sent too) quotes the value.
    const failed = await db.execute(sql`select ${"HIV follow-up"}::uuid`).catch((error: unknown) => error as Error);
    expect(String((failed as Error).message)).toContain("HIV follow-up");
    Sentry.captureException(failed);
    await Sentry.flush(5_000);
    expect(sent).toHaveLength(2);
    const dbEvent = JSON.parse(sent[1]!.split("\n")[2]!) as { exception: { values: { type: string; value: string }[] } };
    expect(dbEvent.exception.values.map((value) => value.value)).toEqual(["invalid input syntax for type uuid", "Failed query: select $1::uuid"]);
    // Only this test's own source lines (its frames' context lines) still quote the value.
    const dbFrames = (dbEvent as unknown as typeof event).exception.values.flatMap((value) => value.stacktrace.frames);
    const dbWithoutSource = dbFrames.map((frame) =>
      Object.fromEntries(Object.entries(frame).filter(([key]) => !/^(pre|post)_context$|^context_line$/.test(key))),
    );
    expect(JSON.stringify({ ...dbEvent, exception: dbWithoutSource })).not.toContain("HIV");
  });
});
