// The Google actions as Next.js calls them, with real sessions and the real
// Auth.js (against the local OpenID Connect provider): who may call each one,
// and what each does for that caller only.
//   continueWithGoogleAction  anyone signed out → Google's authorization request (PKCE, state, nonce);
//                             signed in → their portal; the role chosen travels sealed, an admin role never.
//   linkGoogleAction          only with a pending link (set by Google's answer); the password is checked
//                             and counted; the link and the session follow only a right one.
//   unlinkGoogleAction        signed-in only; the caller's own link, and only with a password left.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, sessions, signInThrottle, users } from "@/db/schema";
import { startLocalOidc, type LocalOidc } from "@/lib/auth/testing/local-oidc";
import { hashPassword } from "@/lib/auth/password";
import { useTestDb } from "@/tests/db";
import { createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { redirectOf } from "@/tests/next-redirect";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const request = vi.hoisted(() => ({ cookie: "", jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders([request.cookie, ...[...request.jar].map(([name, value]) => `${name}=${value}`)].filter(Boolean).join("; "))),
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    getAll: () => [...request.jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.jar.has(name),
    set: (name: string, value: string) => void request.jar.set(name, value),
    delete: (name: string) => void request.jar.delete(name),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const db = useTestDb();
const PASSWORD = "the account's own long password";
const APP_URL = process.env.APP_URL!;
let oidc: LocalOidc;

beforeAll(async () => {
  oidc = await startLocalOidc({ clientId: "careslot-test", clientSecret: "test-secret", redirectUris: [`${APP_URL}/api/auth/callback/google`] });
  // Read once by lib/env.ts, on the first action below.
  Object.assign(process.env, { GOOGLE_CLIENT_ID: "careslot-test", GOOGLE_CLIENT_SECRET: "test-secret", GOOGLE_ISSUER: oidc.issuer });
});

afterAll(async () => {
  await oidc.close();
});

const { continueWithGoogleAction, linkGoogleAction, unlinkGoogleAction } = await import("./google-actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

function signedOut() {
  request.cookie = "";
  request.jar.clear();
}

async function signedInAs(user: { id: string }, role: "patient" | "doctor" | "admin") {
  signedOut();
  request.cookie = await sessionCookieFor(db, { id: user.id, role });
}

async function withPassword(userId: string) {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, userId));
}

async function link(userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  await db.insert(accounts).values({ userId, provider: "google", providerAccountId: randomUUID(), email: user!.email });
}

const linksOf = (userId: string) => db.select().from(accounts).where(eq(accounts.userId, userId));

/** The sealed cookie Google's answer leaves when its email is an existing account's (lib/auth/google-tickets.ts). */
async function pendingLink(user: { id: string; email: string }, subject = randomUUID()) {
  const token = await encode({
    token: { value: { userId: user.id, subject, email: user.email, remembered: false } },
    secret: process.env.AUTH_SECRET!,
    salt: "careslot.google-link",
    maxAge: 600,
  });
  request.jar.set("careslot.google-link", token);
  return subject;
}

describe("continueWithGoogleAction", () => {
  it("sends a signed-out visitor to Google's authorization endpoint with PKCE, state and nonce", async () => {
    signedOut();
    const target = new URL(await redirectOf(continueWithGoogleAction(null, form({ role: "doctor", timeZone: "Europe/Paris", next: "/doctors" }))));
    expect(`${target.origin}${target.pathname}`).toBe(`${oidc.issuer}/auth`);
    expect(target.searchParams.get("client_id")).toBe("careslot-test");
    expect(target.searchParams.get("redirect_uri")).toBe(`${APP_URL}/api/auth/callback/google`);
    expect(target.searchParams.get("response_type")).toBe("code");
    expect(target.searchParams.get("code_challenge_method")).toBe("S256");
    for (const param of ["code_challenge", "state", "nonce"]) expect(target.searchParams.get(param)).toMatch(/^[\w.-]{20,}/);
    expect(target.searchParams.get("scope")).toBe("openid email profile");
    // What was chosen comes back sealed: the doctor role, the zone, the return path.
    const intent = await decode({ token: request.jar.get("careslot.google-intent")!, secret: process.env.AUTH_SECRET!, salt: "careslot.google-intent" });
    expect(intent?.value).toEqual({ role: "doctor", timeZone: "Europe/Paris", remembered: false, next: "/doctors" });
  });

  it("never carries an admin role (nor a foreign return path) to a new account", async () => {
    signedOut();
    await redirectOf(continueWithGoogleAction(null, form({ role: "admin", remember: "on", next: "//evil.example" })));
    const intent = await decode({ token: request.jar.get("careslot.google-intent")!, secret: process.env.AUTH_SECRET!, salt: "careslot.google-intent" });
    expect(intent?.value).toMatchObject({ role: "patient", remembered: true });
    expect(intent?.value).not.toHaveProperty("next", "//evil.example");
  });

  it("sends a signed-in caller to their own portal instead", async () => {
    const doctor = await createDoctor(db);
    await signedInAs(doctor, "doctor");
    expect(await redirectOf(continueWithGoogleAction(null, form({})))).toBe("/doctor");
  });
});

describe("linkGoogleAction", () => {
  it("without a pending link from Google there is nothing to confirm", async () => {
    signedOut();
    expect(await linkGoogleAction(null, form({ password: PASSWORD }))).toMatchObject({ ok: false, code: "not_found" });
    request.jar.set("careslot.google-link", "forged-or-expired");
    expect(await linkGoogleAction(null, form({ password: PASSWORD }))).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses a wrong password next to the field, counts it, and links nothing", async () => {
    const patient = await createPatient(db);
    await withPassword(patient.id);
    signedOut();
    await pendingLink(patient);
    const answer = await linkGoogleAction(null, form({ password: "not the password" }));
    expect(answer).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { password: ["That is not the password of your Careslot account."] } });
    const [throttle] = await db.select().from(signInThrottle).where(eq(signInThrottle.emailKey, patient.email.toLowerCase()));
    expect(throttle!.failures).toBe(1);
    expect(await linksOf(patient.id)).toEqual([]);
  });

  it("with the right password links the Google subject to that account and signs in", async () => {
    const patient = await createPatient(db);
    await withPassword(patient.id);
    signedOut();
    const subject = await pendingLink(patient);
    expect(await redirectOf(linkGoogleAction(null, form({ password: PASSWORD })))).toBe(`${APP_URL}/portal`);
    expect(await linksOf(patient.id)).toMatchObject([{ provider: "google", providerAccountId: subject }]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, patient.id))).toHaveLength(1);
    // Used up: the sealed link is gone with the sign-in.
    expect(request.jar.has("careslot.google-link")).toBe(false);
  });

  it("refuses a deactivated account, whatever the password", async () => {
    const patient = await createPatient(db, { active: false });
    await withPassword(patient.id);
    signedOut();
    await pendingLink(patient);
    expect(await linkGoogleAction(null, form({ password: PASSWORD }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await linksOf(patient.id)).toEqual([]);
  });
});

describe("unlinkGoogleAction", () => {
  it("refuses a signed-out caller, and a deactivated one", async () => {
    signedOut();
    expect(await unlinkGoogleAction(null, form({}))).toMatchObject({ ok: false, code: "unauthenticated" });
    const patient = await createPatient(db);
    await link(patient.id);
    await signedInAs(patient, "patient");
    await db.update(users).set({ active: false }).where(eq(users.id, patient.id));
    expect(await unlinkGoogleAction(null, form({}))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await linksOf(patient.id)).toHaveLength(1);
  });

  it("every role unlinks its own Google account, and no one else's", async () => {
    const stranger = await createPatient(db);
    await link(stranger.id);
    for (const [user, role] of [
      [await createPatient(db), "patient"],
      [await createDoctor(db), "doctor"],
      [await createAdmin(db), "admin"],
    ] as const) {
      await withPassword(user.id);
      await link(user.id);
      await signedInAs(user, role);
      expect(await unlinkGoogleAction(null, form({}))).toMatchObject({ ok: true, message: expect.stringContaining("Google was unlinked") });
      expect(await linksOf(user.id)).toEqual([]);
      expect(await unlinkGoogleAction(null, form({}))).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await linksOf(stranger.id)).toHaveLength(1);
  });

  it("refuses to unlink the only way an account signs in", async () => {
    const patient = await createPatient(db);
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, patient.id));
    await link(patient.id);
    await signedInAs(patient, "patient");
    expect(await unlinkGoogleAction(null, form({}))).toMatchObject({ ok: false, code: "conflict" });
    expect(await linksOf(patient.id)).toHaveLength(1);
  });
});
