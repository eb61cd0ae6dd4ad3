import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import { insertUserWithProfile } from "@/db/queries/users";
import { users, type Role } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { verifyCredentials } from "./credentials";
import { hashPassword, verifyPassword } from "./password";

// Every password check is counted, to show how many guesses of a burst reach the hash.
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const verifications = () => vi.mocked(verifyPassword).mock.calls.length;
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
});

const PASSWORD = "correct horse battery";
const WRONG = "incorrect horse battery";
const T0 = Date.parse("2030-06-01T08:00:00.000Z");
const at = (offsetMs: number) => new Date(T0 + offsetMs);

const db = useTestDb();
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID()}@careslot.test`;

async function createUser(options: { active?: boolean; role?: Role } = {}) {
  const email = uniqueEmail();
  const user = await insertUserWithProfile(db, {
    email,
    fullName: "Ann Example",
    passwordHash,
    role: options.role ?? "patient",
  });
  if (options.active === false) await db.update(users).set({ active: false }).where(eq(users.id, user.id));
  return { id: user.id, email };
}

describe("verifyCredentials", () => {
  it("accepts the right password and returns who signed in", async () => {
    const user = await createUser({ role: "doctor" });
    expect(await verifyCredentials(db, user.email, PASSWORD, at(0))).toEqual({
      ok: true,
      user: {
        id: user.id,
        role: "doctor",
        fullName: "Ann Example",
        email: user.email,
      },
    });
  });

  it("accepts the email typed in another case with surrounding spaces", async () => {
    const user = await createUser();
    const result = await verifyCredentials(db, `  ${user.email.toUpperCase()} `, PASSWORD, at(0));
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a wrong password as invalid and counts it", async () => {
    const user = await createUser();
    expect(await verifyCredentials(db, user.email, WRONG, at(0))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await getThrottle(db, user.email)).toEqual({
      failures: 1,
      windowStartedAt: at(0),
      lockedUntil: null,
    });
  });

  it("locks on the third wrong password, refuses even the right one while locked, then lets it in", async () => {
    const user = await createUser();
    expect(await verifyCredentials(db, user.email, WRONG, at(0))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(db, user.email, WRONG, at(1_000))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(db, user.email, WRONG, at(2_000))).toEqual({
      ok: false,
      reason: "locked",
      retryAfterSeconds: 60,
    });

    expect(await verifyCredentials(db, user.email, PASSWORD, at(3_000))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 59 });
    expect(await verifyCredentials(db, user.email, PASSWORD, at(61_500))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 1 });
    // Refusals while locked are not failures: the lock still ends 60 s after the third one.
    expect(await getThrottle(db, user.email)).toEqual({
      failures: 3,
      windowStartedAt: at(0),
      lockedUntil: at(62_000),
    });

    expect(await verifyCredentials(db, user.email, PASSWORD, at(2_000 + 61_000))).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await getThrottle(db, user.email)).toBeNull();

    // The counter really was cleared: two more mistakes do not lock.
    expect(await verifyCredentials(db, user.email, WRONG, at(64_000))).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(db, user.email, WRONG, at(65_000))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("throttles the email whatever its letter case", async () => {
    const user = await createUser();
    await verifyCredentials(db, user.email, WRONG, at(0));
    await verifyCredentials(db, user.email.toUpperCase(), WRONG, at(1_000));
    expect(await verifyCredentials(db, ` ${user.email} `, WRONG, at(2_000))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
  });

  it("answers an unknown email exactly like a registered one, lock included", async () => {
    const known = await createUser();
    const unknown = uniqueEmail("nobody");
    const answers = async (email: string) => [
      await verifyCredentials(db, email, WRONG, at(0)),
      await verifyCredentials(db, email, WRONG, at(1_000)),
      await verifyCredentials(db, email, WRONG, at(2_000)),
      await verifyCredentials(db, email, PASSWORD, at(30_000)),
    ];
    const expected = [
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "locked", retryAfterSeconds: 60 },
      { ok: false, reason: "locked", retryAfterSeconds: 32 },
    ];
    expect(await answers(unknown)).toEqual(expected);
    expect(await answers(known.email)).toEqual(expected);
    expect(await getThrottle(db, unknown)).toEqual({
      failures: 3,
      windowStartedAt: at(0),
      lockedUntil: at(62_000),
    });
  });

  it("refuses a deactivated user with the right password as inactive", async () => {
    const user = await createUser({ active: false });
    expect(await verifyCredentials(db, user.email, PASSWORD, at(0))).toEqual({
      ok: false,
      reason: "inactive",
    });
  });

  it("does not reveal to a wrong password that the account is deactivated", async () => {
    const user = await createUser({ active: false });
    expect(await verifyCredentials(db, user.email, WRONG, at(0))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

// The attack of issue #13: parallel guesses used to be checked side by side
// (30 sent at once were all verified, 20 counted) and the right password in
// a burst signed in and wiped the count. Each attempt now takes its place
// under the email's row lock before its password is verified.
describe("verifyCredentials under a parallel burst", () => {
  const burst = (email: string, passwords: string[], now: Date) => Promise.all(passwords.map((password) => verifyCredentials(db, email, password, now)));

  it("lets at most 3 of 30 parallel wrong passwords reach the hash, locks the account, then the right password works after the lock and resets the count", async () => {
    const user = await createUser();
    const results = await burst(user.email, Array(30).fill(WRONG), at(0));

    expect(verifications()).toBe(3);
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(2);
    expect(results.filter((result) => !result.ok && result.reason === "locked")).toHaveLength(28);
    expect(await getThrottle(db, user.email)).toEqual({
      failures: 3,
      windowStartedAt: at(0),
      lockedUntil: at(60_000),
    });

    expect(await verifyCredentials(db, user.email, PASSWORD, at(60_000))).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await getThrottle(db, user.email)).toBeNull();
    // A fresh count: two more mistakes do not lock.
    expect(await burst(user.email, [WRONG, WRONG], at(61_000))).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
  });

  it("refuses the right password sent inside a parallel burst while the account is locked, unverified", async () => {
    const user = await createUser();
    for (const offset of [0, 1_000, 2_000]) await verifyCredentials(db, user.email, WRONG, at(offset));
    vi.mocked(verifyPassword).mockClear();

    const tries = [...Array(14).fill(WRONG), PASSWORD];
    const results = await burst(user.email, tries, at(10_000));

    expect(results).toEqual(tries.map(() => ({ ok: false, reason: "locked", retryAfterSeconds: 52 })));
    expect(verifications()).toBe(0);
    expect(await getThrottle(db, user.email)).toEqual({
      failures: 3,
      windowStartedAt: at(0),
      lockedUntil: at(62_000),
    });
  });

  it("locks an unknown email under the same burst, after the same 3 checks", async () => {
    const email = uniqueEmail("nobody");
    const results = await burst(email, Array(30).fill(WRONG), at(0));
    expect(verifications()).toBe(3);
    expect(results.filter((result) => !result.ok && result.reason === "locked")).toHaveLength(28);
  });
});
