import type { ErrorEvent, TransactionEvent } from "@sentry/core";
import { describe, expect, it } from "vitest";
import { scrubSentryEvent, withoutQuery } from "./sentry-scrub";

// An error raised while a patient booked, as the SDK would collect it with everything on.
const collected: ErrorEvent = {
  type: undefined,
  event_id: "0123456789abcdef0123456789abcdef",
  message: "boom",
  transaction: "POST /doctors/6b1f5c2e-1111-4a57-9d6b-7b0c7a521f0e?reason=chest%20pain",
  request: {
    url: "https://careslot.example/doctors/6b1f?date=2030-03-05&slot=x&reason=chest%20pain",
    method: "POST",
    query_string: "reason=chest%20pain",
    data: "reason=HIV+follow-up&doctorId=6b1f",
    cookies: { "authjs.session-token": "eyJ…" },
    headers: { cookie: "authjs.session-token=eyJ…", authorization: "Bearer secret", "user-agent": "Firefox", "x-forwarded-for": "203.0.113.9" },
    env: { REMOTE_ADDR: "203.0.113.9" },
  },
  user: { id: "user-1", email: "anna@careslot.example", username: "Anna", ip_address: "203.0.113.9", geo: { city: "Berlin" } },
  breadcrumbs: [
    { category: "http", data: { url: "https://api.example/records?patient=anna", method: "GET", body: "diagnosis" } },
    { category: "navigation", data: { from: "/patient/records?q=diabetes", to: "/doctors?q=oncology" } },
  ],
  exception: { values: [{ type: "Error", value: "boom" }] },
};

describe("scrubSentryEvent", () => {
  const scrubbed = scrubSentryEvent(collected);

  it("drops the request's body, cookies and query string, and its identifying headers", () => {
    expect(scrubbed.request).toEqual({ url: "https://careslot.example/doctors/6b1f", method: "POST", headers: { "user-agent": "Firefox" } });
  });

  it("keeps nothing about the user but their id", () => {
    expect(scrubbed.user).toEqual({ id: "user-1" });
    expect(scrubSentryEvent({ ...collected, user: { email: "anna@careslot.example" } }).user).toBeUndefined();
  });

  it("removes query strings and bodies from breadcrumbs and the transaction name", () => {
    expect(scrubbed.breadcrumbs).toEqual([
      { category: "http", data: { url: "https://api.example/records", method: "GET" } },
      { category: "navigation", data: { from: "/patient/records", to: "/doctors" } },
    ]);
    expect(scrubbed.transaction).toBe("POST /doctors/6b1f5c2e-1111-4a57-9d6b-7b0c7a521f0e");
  });

  it("leaves what is needed to debug: the error, its message and id", () => {
    expect(scrubbed.exception).toEqual(collected.exception);
    expect(scrubbed).toMatchObject({ event_id: collected.event_id, message: "boom" });
    // And nothing of the health data survives anywhere in the event.
    expect(JSON.stringify(scrubbed)).not.toMatch(/chest|HIV|diagnosis|diabetes|oncology|anna|203\.0\.113|eyJ|secret/i);
  });

  it("cuts a database error's message before the values its statement was given", () => {
    const failed = scrubSentryEvent({
      ...collected,
      exception: {
        values: [
          { type: "PostgresError", value: 'invalid input syntax for type uuid: "HIV follow-up"' },
          { type: "Error", value: 'Failed query: insert into "appointments" ("reason") values ($1)\nparams: chest pain,anna@careslot.example' },
          { type: "AppError", value: "That time was just taken" },
        ],
      },
    });
    expect(failed.exception?.values?.map((value) => value.value)).toEqual([
      "invalid input syntax for type uuid",
      'Failed query: insert into "appointments" ("reason") values ($1)',
      "That time was just taken",
    ]);
  });

  it("scrubs transactions the same way and never changes the event it was given", () => {
    const transaction: TransactionEvent = { type: "transaction", transaction: "GET /doctors?q=x", request: { url: "/doctors?q=x", cookies: { a: "b" } } };
    expect(scrubSentryEvent(transaction)).toMatchObject({ transaction: "GET /doctors", request: { url: "/doctors" } });
    expect(collected.request?.data).toBe("reason=HIV+follow-up&doctorId=6b1f");
    expect(withoutQuery("/a#frag")).toBe("/a");
  });
});

describe("Sentry without SENTRY_DSN", () => {
  it("is never started, so nothing is sent from tests or development", async () => {
    const { startSentry, sentryEnabled } = await import("./sentry");
    const { parseEnv } = await import("@/lib/env-schema");
    await startSentry(parseEnv({ ...process.env, SENTRY_DSN: "" }));
    expect(sentryEnabled()).toBe(false);
  });
});
