// Reset and verification links were stored whole in emails.html/emails.text:
// anyone reading that table (a backup, a support query) could take over the
// account. Replayed through the real services and the real Resend SDK (pointed
// at a local capture server): what Resend receives has the working link; what
// is stored has "[redacted]" in its place. Without a provider the stored email
// IS the dev mailbox, so there the link stays whole.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { emails } from "@/db/schema";
import { registerAccount, requestPasswordReset, resetPassword, verifyEmailToken } from "@/lib/auth/accounts";
import { parseEnv } from "@/lib/env-schema";
import { startResendCapture } from "@/inngest/testing/capture-resend";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, uniqueEmail } from "@/tests/factories";
import { redactLinkSecrets } from "./mailer";

// The environment is read afresh on every call, so one file can send with and without a provider.
vi.mock("@/lib/env", async (original) => ({ ...(await original<typeof import("@/lib/env")>()), env: () => parseEnv(process.env) }));

const db = useTestDb({ max: 2 });
let resend: Awaited<ReturnType<typeof startResendCapture>>;

beforeAll(async () => {
  resend = await startResendCapture();
  process.env.RESEND_BASE_URL = resend.url;
});

afterEach(() => {
  delete process.env.RESEND_API_KEY;
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await resend?.stop();
});

const tokenIn = (content: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_-]{20,})`).exec(content)?.[1];

async function storedEmail(userId: string, template: string) {
  const [row] = await db
    .select()
    .from(emails)
    .where(and(eq(emails.userId, userId), eq(emails.template, template)));
  return row!;
}

async function registered() {
  const email = uniqueEmail("tokens");
  const { userId } = await registerAccount(
    db,
    { fullName: "Ann Example", email, password: "a long enough password", role: "patient", timeZone: "UTC" },
    TEST_NOW,
  );
  if (!userId) throw new Error("a new address registers a new account");
  return { userId, email };
}

describe("emails sent through Resend", () => {
  it("the verification link works from the email received, and is stored redacted", async () => {
    process.env.RESEND_API_KEY = "re_test_capture_key";
    const { userId, email } = await registered();
    const sent = resend.emails.find((captured) => captured.body.to === email && captured.body.subject === "Confirm your email address")!;
    const token = tokenIn(sent.body.text, "/verify-email");
    expect(token).toBeDefined();
    expect(tokenIn(sent.body.html, "/verify-email")).toBe(token);

    const stored = await storedEmail(userId, "verify-email");
    expect(stored).toMatchObject({ provider: "resend", status: "sent" });
    for (const content of [stored.html, stored.text]) {
      expect(content).not.toContain(token);
      expect(content).toContain("/verify-email?token=[redacted]");
    }
    expect(await verifyEmailToken(db, token!, TEST_NOW)).toEqual({ role: "patient" });
  });

  it("the reset link too", async () => {
    const { userId, email } = await registered();
    process.env.RESEND_API_KEY = "re_test_capture_key";
    await requestPasswordReset(db, email, TEST_NOW);
    const sent = resend.emails.find((captured) => captured.body.to === email && captured.body.subject === "Reset your Careslot password")!;
    const token = tokenIn(sent.body.text, "/reset-password")!;

    const stored = await storedEmail(userId, "reset-password");
    expect(`${stored.html}${stored.text}`).not.toContain(token);
    expect(stored.text).toContain("/reset-password?token=[redacted]");
    expect(await resetPassword(db, token, "another long password", TEST_NOW)).toBe(true);
  });
});

describe("the dev mailbox (no provider configured)", () => {
  it("keeps the whole link: it is the only way to read the email", async () => {
    const { userId } = await registered();
    const stored = await storedEmail(userId, "verify-email");
    expect(stored).toMatchObject({ provider: "mailbox", status: "stored" });
    const token = tokenIn(stored.text, "/verify-email")!;
    expect(tokenIn(stored.html, "/verify-email")).toBe(token);
    expect(await verifyEmailToken(db, token, TEST_NOW)).toEqual({ role: "patient" });
  });
});

describe("redactLinkSecrets", () => {
  it("replaces a token parameter's value wherever it sits in a link, and nothing else", () => {
    expect(redactLinkSecrets("Open https://app.test/reset-password?token=abc_DEF-123 now")).toBe("Open https://app.test/reset-password?token=[redacted] now");
    expect(redactLinkSecrets('<a href="https://app.test/x?next=%2Fp&amp;token=abc">go</a>')).toBe(
      '<a href="https://app.test/x?next=%2Fp&amp;token=[redacted]">go</a>',
    );
    expect(redactLinkSecrets("[https://app.test/verify-email?token=abc]")).toBe("[https://app.test/verify-email?token=[redacted]]");
    expect(redactLinkSecrets("https://app.test/patient/appointments/7?tab=notes")).toBe("https://app.test/patient/appointments/7?tab=notes");
  });
});
