// Issue #14: a visitor who chose a time and registers on the way is brought
// back to it: the `next` path goes on to the sign-in page and into the emailed
// confirmation link; a path to another site is dropped.
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { emails, users } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { uniqueEmail } from "@/tests/factories";
import { requestHeaders } from "@/tests/session-cookie";

let ip = 0;
vi.mock("next/headers", () => ({ headers: async () => new Headers({ ...requestHeaders(), "x-forwarded-for": `198.19.7.${(ip % 250) + 1}` }) }));

import { registerAction } from "./actions";

const db = useTestDb();
const CHOICE = "/doctors/0f4f5e2c-8a11-4a57-9d6b-7b0c7a521f0e?date=2030-03-05&slot=2030-03-05T09%3A00%3A00.000Z";

async function register(email: string, next?: string): Promise<string> {
  ip += 1;
  const form = new FormData();
  for (const [key, value] of Object.entries({ fullName: "Rita Roundtrip", email, password: "correct horse battery", role: "patient" })) form.set(key, value);
  if (next) form.set("next", next);
  const thrown = (await registerAction(null, form).then(
    () => null,
    (error: unknown) => error,
  )) as { digest?: string } | null;
  expect(thrown?.digest).toMatch(/^NEXT_REDIRECT;/);
  return thrown!.digest!.split(";")[2]!;
}

async function confirmationLink(email: string): Promise<URL> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const [sent] = await db
    .select({ text: emails.text })
    .from(emails)
    .where(and(eq(emails.userId, user!.id), eq(emails.template, "verify-email")));
  return new URL(/https?:\/\/\S+\/verify-email\?\S+/.exec(sent!.text)![0]);
}

describe("registering on the way to a booking", () => {
  it("sends the visitor to sign in with the same next, and the confirmation link carries it too", async () => {
    const email = uniqueEmail("roundtrip");
    expect(await register(email, CHOICE)).toBe(`/login?registered=1&next=${encodeURIComponent(CHOICE)}`);
    const link = await confirmationLink(email);
    expect(link.pathname).toBe("/verify-email");
    expect(link.searchParams.get("next")).toBe(CHOICE);
    expect(link.searchParams.get("token")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("drops a next that leads to another site, and adds nothing without one", async () => {
    const foreign = uniqueEmail("foreign");
    expect(await register(foreign, "//evil.example/steal")).toBe("/login?registered=1");
    expect((await confirmationLink(foreign)).searchParams.has("next")).toBe(false);
    expect(await register(uniqueEmail("plain"))).toBe("/login?registered=1");
  });
});
