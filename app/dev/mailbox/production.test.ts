// With DEV_MAILBOX=1 in a production build anyone could read reset links and
// take over any account. Replayed as a production server sees it: the page and
// both routes answer a loopback address only, and 404 to anyone else, however
// the forwarding headers are dressed up.
import { beforeEach, describe, expect, it, vi } from "vitest";

// The environment a production server with DEV_MAILBOX=1 reads (NODE_ENV itself stays "test":
// the test runner's JSX needs React's development build).
vi.mock("@/lib/env", async (original) => {
  const actual = await original<typeof import("@/lib/env")>();
  const { parseEnv } = await import("@/lib/env-schema");
  return { ...actual, env: () => parseEnv({ ...process.env, NODE_ENV: "production", DEV_MAILBOX: "1", RESEND_API_KEY: "" }) };
});

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

import { recordEmail } from "@/db/queries/emails";
import { useTestDb } from "@/tests/db";
import { GET as getAttachment } from "./[id]/attachments/[index]/route";
import { GET as getHtml } from "./[id]/route";
import DevMailboxPage from "./page";

const db = useTestDb({ max: 2 });

const stored = () =>
  recordEmail(db, {
    toAddress: "pat@example.test",
    subject: "Reset your Careslot password",
    template: "reset-password",
    html: "<p>https://careslot.test/reset-password?token=whole-token</p>",
    text: "https://careslot.test/reset-password?token=whole-token",
    provider: "mailbox",
    status: "stored",
    attachments: [{ filename: "appointment.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" }],
  });

/** The three ways into the mailbox, from a client whose forwarding headers are `headers`. */
async function statusesFrom(headers: Record<string, string>) {
  const id = await stored();
  request.headers = new Headers(headers);
  const page = await DevMailboxPage().then(
    () => 200,
    (error: { digest?: string }) => (error.digest === "NEXT_HTTP_ERROR_FALLBACK;404" ? 404 : 500),
  );
  const html = await getHtml(new Request(`http://localhost/dev/mailbox/${id}`, { headers }), { params: Promise.resolve({ id }) });
  const file = await getAttachment(new Request(`http://localhost/dev/mailbox/${id}/attachments/0`, { headers }), {
    params: Promise.resolve({ id, index: "0" }),
  });
  return { page, html: html.status, attachment: file.status };
}

beforeEach(() => {
  request.headers = new Headers();
});

describe("the dev mailbox in a production build", () => {
  it.each(["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.1, ::1"])("answers a request from %s (Next.js puts the socket address there)", async (address) => {
    expect(await statusesFrom({ "x-forwarded-for": address })).toEqual({ page: 200, html: 200, attachment: 200 });
  });

  it.each([
    ["another machine", { "x-forwarded-for": "203.0.113.7" }],
    ["a proxy that appended the real client after a forged loopback", { "x-forwarded-for": "127.0.0.1, 203.0.113.7" }],
    ["a real client behind a proxy setting X-Real-IP", { "x-forwarded-for": "127.0.0.1", "x-real-ip": "198.51.100.4" }],
    ["a private network address", { "x-forwarded-for": "10.0.0.5" }],
    ["a request without a forwarding header", {}],
    ["a host name instead of an address", { "x-forwarded-for": "localhost" }],
  ])("is a 404 for %s", async (_case, headers) => {
    expect(await statusesFrom(headers)).toEqual({ page: 404, html: 404, attachment: 404 });
  });
});
