// Two-factor authentication end to end through the real actions and Auth.js,
// on the real database: set-up (secret encrypted at rest, ten recovery codes
// stored hashed), sign-in in two steps with no session before the code, a
// code accepted once per time step, recovery codes used once, wrong codes
// counted by the lockout like wrong passwords (a parallel burst included),
// the set-up the admin setting requires, and turning it off.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import { appSettings, sessions, twoFactorChallenges, twoFactorCredentials, twoFactorRecoveryCodes, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { getTwoFactorStatus } from "@/lib/auth/two-factor/service";
import { CHALLENGE_COOKIE, openChallenge, secondStepFor } from "@/lib/auth/two-factor/sign-in";
import { matchingTotpStep, totpCodeAt } from "@/lib/auth/two-factor/totp";
import { useTestDb } from "@/tests/db";
import { createAdmin, createDoctor, createPatient, inRolledBackTransaction } from "@/tests/factories";
import { redirectOf } from "@/tests/next-redirect";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

// The browser: its cookie jar (what actions set is sent with the next request) and one network address per file.
const browser = vi.hoisted(() => ({ jar: new Map<string, string>(), sessionCookie: "", ip: "" }));
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({
      ...requestHeaders(browser.sessionCookie || [...browser.jar].map(([name, value]) => `${name}=${value}`).join("; ")),
      "x-forwarded-for": browser.ip,
    }),
  cookies: async () => ({
    get: (name: string) => (browser.jar.has(name) ? { name, value: browser.jar.get(name)! } : undefined),
    getAll: () => [...browser.jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => browser.jar.has(name),
    set: (name: string | { name: string; value: string }, value?: string) => {
      if (typeof name === "string") browser.jar.set(name, value ?? "");
      else browser.jar.set(name.name, name.value);
    },
    delete: (name: string) => browser.jar.delete(name),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
// Every TOTP check is counted, to show how many codes of a burst are looked at.
vi.mock("@/lib/auth/two-factor/totp", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/two-factor/totp")>();
  return { ...actual, matchingTotpStep: vi.fn(actual.matchingTotpStep) };
});

const { signInAction } = await import("./actions");
const {
  twoFactorSignInAction,
  confirmSetupAtSignInAction,
  finishSetupSignInAction,
  startTwoFactorSetupAction,
  confirmTwoFactorSetupAction,
  cancelTwoFactorSetupAction,
  turnOffTwoFactorAction,
} = await import("./two-factor-actions");

const db = useTestDb();
const PASSWORD = "a long and careful passphrase";
const APP_URL = process.env.APP_URL!;

beforeEach(() => {
  browser.jar.clear();
  browser.sessionCookie = "";
  // Its own address per test: the per-IP sign-in limit is shared with every other file.
  browser.ip = `2001:db8::${randomBytes(4).toString("hex")}`;
  vi.mocked(matchingTotpStep).mockClear();
});

function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function userWithPassword(role: "patient" | "doctor" | "admin" = "patient") {
  const { id } = role === "patient" ? await createPatient(db) : role === "doctor" ? await createDoctor(db) : await createAdmin(db);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, id));
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return { id, email: row!.email, role };
}

const sessionsOf = (userId: string) => db.$count(sessions, eq(sessions.userId, userId));
const stepNow = () => Math.floor(Date.now() / 30_000);

/** Turns 2FA on through the account page's actions, confirmed with the code of the step before now (so now's code is still unused). */
async function enrol(user: { id: string; role: "patient" | "doctor" | "admin" }) {
  browser.sessionCookie = await sessionCookieFor(db, user);
  expect(await startTwoFactorSetupAction(null, form())).toMatchObject({ ok: true });
  const [credential] = await db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, user.id));
  const secret = credential!.secret;
  vi.useFakeTimers({ now: Date.now() - 30_000, toFake: ["Date"] });
  const answer = await confirmTwoFactorSetupAction(null, form({ code: totpCodeAt(secret, new Date()) })).finally(() => vi.useRealTimers());
  expect(answer).toMatchObject({ ok: true, message: "Two-factor authentication is on." });
  browser.sessionCookie = "";
  return { secret, recoveryCodes: (answer as { recoveryCodes: string[] }).recoveryCodes };
}

/** The password step: a right password of a 2FA account leads to the code, with no session yet. */
async function passwordStep(email: string, target = "/login/two-factor") {
  expect(await redirectOf(signInAction(null, form({ email, password: PASSWORD })))).toBe(target);
}

const codeStep = (code: string) => twoFactorSignInAction(null, form({ code }));

describe("setting two-factor authentication up on the account page", () => {
  it("shows a secret, refuses a wrong code, turns on with a right one and answers ten recovery codes; the secret is encrypted and the codes hashed", async () => {
    const user = await userWithPassword("doctor");
    browser.sessionCookie = await sessionCookieFor(db, user);
    await startTwoFactorSetupAction(null, form());
    const status = await getTwoFactorStatus(db, user);
    expect(status.state).toBe("setting-up");
    const secret = (status as { secret: string }).secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((status as { uri: string }).uri).toContain(`secret=${secret}`);
    // "Set up" again (a reload): the same secret, so the QR code already scanned still works.
    await startTwoFactorSetupAction(null, form());
    expect(await getTwoFactorStatus(db, user)).toMatchObject({ secret });

    const wrong = await confirmTwoFactorSetupAction(null, form({ code: "000000" === totpCodeAt(secret, new Date()) ? "111111" : "000000" }));
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringMatching(/not right/)] } });
    expect((await getTwoFactorStatus(db, user)).state).toBe("setting-up");

    const right = await confirmTwoFactorSetupAction(null, form({ code: totpCodeAt(secret, new Date()) }));
    expect(right).toMatchObject({ ok: true });
    const codes = (right as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(await getTwoFactorStatus(db, user)).toMatchObject({ state: "on", recoveryCodesLeft: 10 });

    const [stored] = await db.execute<{ secret: string }>(sql`select secret from two_factor_credentials where user_id = ${user.id}`);
    expect(stored!.secret.startsWith("v1:")).toBe(true);
    expect(stored!.secret).not.toContain(secret);
    const hashes = await db.select({ hash: twoFactorRecoveryCodes.codeHash }).from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, user.id));
    expect(hashes).toHaveLength(10);
    for (const { hash } of hashes) for (const code of codes) expect(hash).not.toContain(code.replace("-", ""));

    // On already: no second set-up over it.
    expect(await startTwoFactorSetupAction(null, form())).toMatchObject({ ok: false, message: "Two-factor authentication is already on." });
  });

  it("a set-up can be cancelled; the account actions refuse a caller who is not signed in", async () => {
    const user = await userWithPassword();
    browser.sessionCookie = await sessionCookieFor(db, user);
    await startTwoFactorSetupAction(null, form());
    expect(await cancelTwoFactorSetupAction(null, form())).toMatchObject({ ok: true });
    expect((await getTwoFactorStatus(db, user)).state).toBe("off");

    browser.sessionCookie = "";
    for (const call of [
      () => startTwoFactorSetupAction(null, form()),
      () => confirmTwoFactorSetupAction(null, form({ code: "123456" })),
      () => cancelTwoFactorSetupAction(null, form()),
      () => turnOffTwoFactorAction(null, form({ password: PASSWORD })),
    ]) {
      expect(await call()).toMatchObject({ ok: false, code: "unauthenticated" });
    }
  });

  it("turning it off needs the right password, and touches only the caller's own account", async () => {
    const user = await userWithPassword("admin");
    const other = await userWithPassword("admin");
    await enrol(user);
    await enrol(other);
    browser.sessionCookie = await sessionCookieFor(db, user);
    expect(await turnOffTwoFactorAction(null, form({ password: "not the password at all" }))).toMatchObject({
      ok: false,
      fieldErrors: { password: ["That password is not right."] },
    });
    expect((await getTwoFactorStatus(db, user)).state).toBe("on");
    expect(await turnOffTwoFactorAction(null, form({ password: PASSWORD }))).toMatchObject({ ok: true });
    expect((await getTwoFactorStatus(db, user)).state).toBe("off");
    expect(await db.$count(twoFactorRecoveryCodes, eq(twoFactorRecoveryCodes.userId, user.id))).toBe(0);
    expect((await getTwoFactorStatus(db, other)).state).toBe("on");
  });
});

describe("signing in with two-factor authentication", () => {
  it("a right password makes no session, only a challenge cookie; the right code makes the session and goes on", async () => {
    const user = await userWithPassword("doctor");
    const { secret } = await enrol(user);
    const before = await sessionsOf(user.id);
    await passwordStep(user.email);
    expect(browser.jar.get(CHALLENGE_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...browser.jar.keys()].some((name) => name.includes("session-token"))).toBe(false);
    expect(await sessionsOf(user.id)).toBe(before);
    // Only a hash of the cookie's token is stored.
    const [challenge] = await db.select().from(twoFactorChallenges).where(eq(twoFactorChallenges.userId, user.id));
    expect(challenge!.tokenHash).not.toBe(browser.jar.get(CHALLENGE_COOKIE));

    expect(await redirectOf(codeStep(totpCodeAt(secret, new Date())))).toBe(`${APP_URL}/portal`);
    expect(await sessionsOf(user.id)).toBe(before + 1);
    expect(browser.jar.has(CHALLENGE_COOKIE)).toBe(false);
    expect([...browser.jar.keys()].some((name) => name.includes("session-token"))).toBe(true);
    expect(await db.$count(twoFactorChallenges, eq(twoFactorChallenges.userId, user.id))).toBe(0);
  });

  it("keeps the return path through the second step", async () => {
    const user = await userWithPassword();
    const { secret } = await enrol(user);
    expect(await redirectOf(signInAction(null, form({ email: user.email, password: PASSWORD, next: "/patient/appointments" })))).toBe("/login/two-factor");
    expect(await redirectOf(codeStep(totpCodeAt(secret, new Date())))).toBe(`${APP_URL}/patient/appointments`);
  });

  it("a code is accepted once per time step: the same code again is refused", async () => {
    const user = await userWithPassword();
    const { secret } = await enrol(user);
    const code = totpCodeAt(secret, new Date());
    await passwordStep(user.email);
    await redirectOf(codeStep(code));
    expect((await db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, user.id)))[0]!.lastUsedStep).toBeGreaterThanOrEqual(stepNow());

    browser.jar.clear();
    await passwordStep(user.email);
    expect(await codeStep(code)).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringMatching(/not right/)] } });
    // An older step's code (still inside the drift window) is refused too once a newer one was used.
    expect(await codeStep(totpCodeAt(secret, new Date(Date.now() - 30_000)))).toMatchObject({ ok: false });
  });

  it("a recovery code signs in once, in any case and without its hyphen; the second time it is refused", async () => {
    const user = await userWithPassword("admin");
    const { recoveryCodes } = await enrol(user);
    const code = recoveryCodes[3]!;
    await passwordStep(user.email);
    expect(await redirectOf(codeStep(code.toLowerCase().replace("-", " ")))).toBe(`${APP_URL}/portal`);
    expect(await getTwoFactorStatus(db, user)).toMatchObject({ state: "on", recoveryCodesLeft: 9 });

    browser.jar.clear();
    await passwordStep(user.email);
    expect(await codeStep(code)).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringMatching(/not right/)] } });
    // Another one still works.
    expect(await redirectOf(codeStep(recoveryCodes[4]!))).toBe(`${APP_URL}/portal`);
  });

  it("without the password step's cookie, or after it expired, the code step refuses and makes no session", async () => {
    const user = await userWithPassword();
    const { secret } = await enrol(user);
    const before = await sessionsOf(user.id);
    expect(await codeStep(totpCodeAt(secret, new Date()))).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    browser.jar.set(CHALLENGE_COOKIE, "made-up-token");
    expect(await codeStep(totpCodeAt(secret, new Date()))).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });

    browser.jar.clear();
    await passwordStep(user.email);
    await db
      .update(twoFactorChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(twoFactorChallenges.userId, user.id));
    expect(await codeStep(totpCodeAt(secret, new Date()))).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    expect(await sessionsOf(user.id)).toBe(before);
  });
});

describe("wrong codes count like wrong passwords", () => {
  it("a parallel burst of ten wrong codes: three are looked at, the rest refused as locked; then even the right code and password are refused", async () => {
    const user = await userWithPassword("doctor");
    const { secret } = await enrol(user);
    await passwordStep(user.email);
    vi.mocked(matchingTotpStep).mockClear();
    const right = totpCodeAt(secret, new Date());
    const wrong = right === "000000" ? "111111" : "000000";

    const answers = await Promise.all(Array.from({ length: 10 }, () => codeStep(wrong)));
    const kinds = answers.map((answer) => (answer?.ok ? "ok" : /Too many/.test(answer?.message ?? "") ? "locked" : "wrong"));
    expect(kinds.filter((kind) => kind === "ok")).toEqual([]);
    // The third wrong code fills the count and is answered with the lock; the two before it as wrong.
    expect(kinds.filter((kind) => kind === "wrong")).toHaveLength(2);
    expect(kinds.filter((kind) => kind === "locked")).toHaveLength(8);
    expect(vi.mocked(matchingTotpStep).mock.calls.length).toBe(3);
    expect(await getThrottle(db, user.email)).toMatchObject({ failures: 3, lockedUntil: expect.any(Date) });

    expect(await codeStep(right)).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many failed sign-in attempts/) });
    expect(vi.mocked(matchingTotpStep).mock.calls.length).toBe(3);
    expect(await signInAction(null, form({ email: user.email, password: PASSWORD }))).toMatchObject({ ok: false, message: expect.stringMatching(/Too many/) });
  });

  it("a right password between wrong codes does not wipe their count", async () => {
    const user = await userWithPassword();
    const { secret } = await enrol(user);
    const right = totpCodeAt(secret, new Date());
    const wrong = right === "000000" ? "111111" : "000000";
    await passwordStep(user.email);
    expect(await codeStep(wrong)).toMatchObject({ ok: false, fieldErrors: { code: expect.any(Array) } });
    expect(await codeStep(wrong)).toMatchObject({ ok: false, fieldErrors: { code: expect.any(Array) } });
    await passwordStep(user.email);
    expect(await getThrottle(db, user.email)).toMatchObject({ failures: 2, lockedUntil: null });
    expect(await codeStep(wrong)).toMatchObject({ ok: false, message: expect.stringMatching(/Too many/) });
  });

  it("a right code clears the count, as a right password does", async () => {
    const user = await userWithPassword();
    const { secret } = await enrol(user);
    const right = totpCodeAt(secret, new Date());
    await passwordStep(user.email);
    await codeStep(right === "000000" ? "111111" : "000000");
    expect(await getThrottle(db, user.email)).toMatchObject({ failures: 1 });
    await redirectOf(codeStep(right));
    expect(await getThrottle(db, user.email)).toBeNull();
  });
});

describe("Require two-factor authentication for", () => {
  it("sends the required roles without 2FA to set-up; others and users with 2FA as usual (in a rolled-back transaction: the setting is shared)", async () => {
    const admin = await userWithPassword("admin");
    const doctor = await userWithPassword("doctor");
    const patient = await userWithPassword("patient");
    const enrolledDoctor = await userWithPassword("doctor");
    await enrol(enrolledDoctor);
    await inRolledBackTransaction(db, async (tx) => {
      expect(await secondStepFor(tx, admin)).toBeNull();
      await tx.update(appSettings).set({ requireTwoFactorAdmins: true });
      expect(await secondStepFor(tx, admin)).toBe("enrol");
      expect(await secondStepFor(tx, doctor)).toBeNull();
      await tx.update(appSettings).set({ requireTwoFactorDoctors: true });
      expect(await secondStepFor(tx, doctor)).toBe("enrol");
      expect(await secondStepFor(tx, enrolledDoctor)).toBe("verify");
      expect(await secondStepFor(tx, patient)).toBeNull();
    });
    expect((await db.select().from(appSettings))[0]).toMatchObject({ requireTwoFactorAdmins: false, requireTwoFactorDoctors: false });
  });

  it("the set-up at sign-in: no session until one right code, then the recovery codes and Continue make the session", async () => {
    const admin = await userWithPassword("admin");
    const before = await sessionsOf(admin.id);
    // What the password step does for a required role (the shared setting itself is not turned on here).
    await openChallenge(db, { userId: admin.id, purpose: "enrol", remembered: false, next: null }, new Date());
    expect(await finishSetupSignInAction(null, form())).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    const status = await getTwoFactorStatus(db, admin);
    expect(status.state).toBe("setting-up");
    const secret = (status as { secret: string }).secret;
    // The account-page form's code does not serve here, and the code step refuses an enrolment challenge.
    expect(await codeStep(totpCodeAt(secret, new Date()))).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    expect(await confirmSetupAtSignInAction(null, form({ code: "12" }))).toMatchObject({ ok: false, fieldErrors: { code: expect.any(Array) } });
    const confirmed = await confirmSetupAtSignInAction(null, form({ code: totpCodeAt(secret, new Date()) }));
    expect(confirmed).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });
    expect((confirmed as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    expect(await sessionsOf(admin.id)).toBe(before);
    expect(await redirectOf(finishSetupSignInAction(null, form()))).toBe(`${APP_URL}/portal`);
    expect(await sessionsOf(admin.id)).toBe(before + 1);
    // The challenge is used up: Continue again makes nothing.
    expect(await finishSetupSignInAction(null, form())).toMatchObject({ ok: false });
    expect(await sessionsOf(admin.id)).toBe(before + 1);
  });
});
