import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import { insertUserWithProfile } from "@/db/queries/users";
import { users, type Role } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";

const PASSWORD = "correct horse battery";
const WRONG = "incorrect horse battery";
const T0 = Date.parse("2030-06-01T08:00:00.000Z");
const at = (offsetMs: number) => new Date(T0 + offsetMs);

const db = useTestDb();
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const uniqueEmail = (prefix = "user") =>
  `${prefix}-${randomUUID()}@careslot.test`;

async function createUser(
  options: { active?: boolean; role?: Role } = {},
) {
  const email = uniqueEmail();
  const user = await insertUserWithProfile(db, {
    email,
    fullName: "Ann Example",
    passwordHash,
    role: options.role ?? "patient",
  });
  if (options.active === false)
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
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
    const result = await verifyCredentials(
      db,
      `  ${user.email.toUpperCase()} `,
      PASSWORD,
      at(0),
    );
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

    expect(
      await verifyCredentials(db, user.email, PASSWORD, at(3_000)),
    ).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 59 });
    expect(
      await verifyCredentials(db, user.email, PASSWORD, at(61_500)),
    ).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 1 });
    // Refusals while locked are not failures: the lock still ends 60 s after the third one.
    expect(await getThrottle(db, user.email)).toEqual({
      failures: 3,
      windowStartedAt: at(0),
      lockedUntil: at(62_000),
    });

    expect(
      await verifyCredentials(db, user.email, PASSWORD, at(2_000 + 61_000)),
    ).toMatchObject({ ok: true, user: { id: user.id } });
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
    expect(
      await verifyCredentials(db, ` ${user.email} `, WRONG, at(2_000)),
    ).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
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

  it("counts every one of 5 parallel wrong passwords and locks the account", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        verifyCredentials(db, user.email, WRONG, at(0)),
      ),
    );
    expect(results.every((result) => !result.ok)).toBe(true);
    expect(
      results.filter((result) => !result.ok && result.reason === "locked")
        .length,
    ).toBeGreaterThanOrEqual(1);

    // A lost update would leave fewer than 5: each failure is applied under a row lock.
    expect(await getThrottle(db, user.email)).toEqual({
      failures: 5,
      windowStartedAt: at(0),
      lockedUntil: at(60_000),
    });
    expect(
      await verifyCredentials(db, user.email, PASSWORD, at(10_000)),
    ).toMatchObject({ ok: false, reason: "locked" });
  });
});
