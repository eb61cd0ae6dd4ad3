// The redirect after signing in was built from the request's Host header: a
// request claiming "Host: evil.example" signed in and was sent to
// https://evil.example/portal. Replayed through the real sign-in action and
// Auth.js, with a forged Host and X-Forwarded-Host: the redirect goes to
// APP_URL, and a return path naming another host is dropped.
import { describe, expect, it, vi } from "vitest";
import { redirectOf } from "@/tests/next-redirect";
import { registerAccount } from "@/lib/auth/accounts";
import { authRedirectTarget } from "@/lib/auth/redirect";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, uniqueEmail } from "@/tests/factories";

const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
vi.mock("next/headers", () => ({
  headers: async () => new Headers(forged),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

import { signInAction, signOutAction } from "./actions";

const db = useTestDb({ max: 2 });
const PASSWORD = "a long enough password";
const APP_URL = process.env.APP_URL!; // http://localhost:3000 in tests (tests/setup.ts)

function signInForm(email: string, next?: string): FormData {
  const form = new FormData();
  form.set("email", email);
  form.set("password", PASSWORD);
  if (next) form.set("next", next);
  return form;
}

describe("signing in with a forged Host header", () => {
  it("redirects to the portal under APP_URL, not to the claimed host", async () => {
    const email = uniqueEmail("host");
    await registerAccount(db, { fullName: "Ann Example", email, password: PASSWORD, role: "patient", timeZone: "UTC" }, TEST_NOW);
    const target = await redirectOf(signInAction(null, signInForm(email)));
    expect(target).toBe(`${APP_URL}/portal`);
    expect(new URL(target).host).not.toBe("evil.example");
  });

  it("keeps a return path of this app, under APP_URL", async () => {
    const email = uniqueEmail("host");
    await registerAccount(db, { fullName: "Ann Example", email, password: PASSWORD, role: "patient", timeZone: "UTC" }, TEST_NOW);
    expect(await redirectOf(signInAction(null, signInForm(email, "/patient/appointments?tab=past")))).toBe(`${APP_URL}/patient/appointments?tab=past`);
  });

  it("signing out redirects under APP_URL too", async () => {
    expect(await redirectOf(signOutAction(null, new FormData()))).toBe(`${APP_URL}/login?signedOut=1`);
  });
});

describe("authRedirectTarget", () => {
  it("keeps paths and same-origin URLs, and sends every other host home", () => {
    const app = "https://careslot.example";
    expect(authRedirectTarget("/portal", app)).toBe("https://careslot.example/portal");
    expect(authRedirectTarget("https://careslot.example/doctor?x=1", app)).toBe("https://careslot.example/doctor?x=1");
    for (const other of [
      "https://evil.example/portal",
      "//evil.example/portal",
      "/\\evil.example",
      "javascript:alert(1)",
      "http://careslot.example/portal",
      "not a url",
    ]) {
      expect(authRedirectTarget(other, app), other).toBe("https://careslot.example/");
    }
    expect(authRedirectTarget("/portal", "https://example.org/careslot/")).toBe("https://example.org/careslot/portal");
  });
});
