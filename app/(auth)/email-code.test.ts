// The 6-digit email code through its action: five tries an hour per address,
// right or wrong, so guessing one code in a million gets nowhere.
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { redirectOf } from "@/tests/next-redirect";
import { emails, users } from "@/db/schema";
import { registerAccount } from "@/lib/auth/accounts";
import { useTestDb } from "@/tests/db";
import { uniqueEmail } from "@/tests/factories";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
}));

const { verifyEmailCodeAction } = await import("./actions");
const db = useTestDb();

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function registered() {
  const email = uniqueEmail("code");
  const { userId } = await registerAccount(db, { fullName: "Cody Example", email, password: "violet harbour lantern 7", role: "patient" }, new Date());
  const [mail] = await db
    .select()
    .from(emails)
    .where(and(eq(emails.userId, userId!), eq(emails.template, "verify-email")));
  return { email, userId: userId!, code: /: (\d{6})\s*$/m.exec(mail!.text)![1]! };
}

const verifiedAt = async (userId: string) => (await db.select().from(users).where(eq(users.id, userId)))[0]!.emailVerifiedAt;

describe("the email code form", () => {
  it("confirms with the right code (spaces allowed) and leads on, keeping the booking path", async () => {
    const { email, userId, code } = await registered();
    const target = await redirectOf(verifyEmailCodeAction(null, form({ email, code: `${code.slice(0, 3)} ${code.slice(3)}`, next: "/doctors/x?slot=1" })));
    expect(target).toBe(`/verify-email?confirmed=patient&next=${encodeURIComponent("/doctors/x?slot=1")}`);
    expect(await verifiedAt(userId)).not.toBeNull();
  });

  it("says a wrong code is wrong, and after five tries refuses even the right one", async () => {
    const { email, userId, code } = await registered();
    const wrong = code === "123456" ? "654321" : "123456";
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await verifyEmailCodeAction(null, form({ email, code: wrong }))).toMatchObject({
        ok: false,
        fieldErrors: { code: [expect.stringMatching(/^That code is not right/)] },
      });
    }
    expect(await verifyEmailCodeAction(null, form({ email, code }))).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await verifiedAt(userId)).toBeNull();
  });

  it("refuses anything but six digits before looking", async () => {
    const { email } = await registered();
    expect(await verifyEmailCodeAction(null, form({ email, code: "12ab56" }))).toMatchObject({
      ok: false,
      fieldErrors: { code: ["Enter the 6-digit code from the email."] },
    });
  });
});
