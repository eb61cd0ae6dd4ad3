// Issue #13, finding 7, with a real mail provider: the provider's round trip
// must not tell a registered address from an unknown one. The real Resend SDK
// sends to a local capture server; Next's `after` is captured so the test sees
// what runs before the answer and what after it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startResendCapture } from "@/inngest/testing/capture-resend";
import { useTestDb } from "@/tests/db";
import { createPatients, uniqueEmail } from "@/tests/factories";
import { requestPasswordReset } from "./accounts";

const deferred = vi.hoisted(() => ({ work: [] as (() => unknown)[] }));
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (work: () => unknown) => deferred.work.push(work) }));

const db = useTestDb();
let resend: Awaited<ReturnType<typeof startResendCapture>>;

beforeAll(async () => {
  resend = await startResendCapture();
  process.env.RESEND_API_KEY = "re_test_capture_key";
  process.env.RESEND_BASE_URL = resend.url;
});

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await resend?.stop();
});

async function runDeferred(): Promise<void> {
  const work = deferred.work.splice(0);
  await Promise.all(work.map((run) => run()));
}

describe("forgot password with a mail provider", () => {
  it("answers before any email leaves, for a known and an unknown address alike; the known one is then sent, the unknown one not", async () => {
    const [known] = await createPatients(db, 1);
    const unknown = uniqueEmail("nobody");

    await requestPasswordReset(db, known!.email, new Date());
    await requestPasswordReset(db, unknown, new Date());
    expect(resend.emails).toHaveLength(0);
    expect(deferred.work).toHaveLength(2);

    await runDeferred();
    expect(resend.emails.map((email) => email.body.to)).toEqual([known!.email]);
    expect(resend.emails[0]!.body.subject).toBe("Reset your Careslot password");
  });
});
