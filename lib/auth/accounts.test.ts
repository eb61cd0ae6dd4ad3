import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createSession } from "@/db/queries/users";
import { authTokens, doctorProfiles, emails, patientProfiles, sessions, users } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { registerAccount, requestPasswordReset, resetPassword, verifyEmailCode, verifyEmailToken } from "./accounts";
import { verifyPassword } from "./password";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a brand new staple 42";

const db = useTestDb();

const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID()}@careslot.test`;

async function register(role: "patient" | "doctor", email = uniqueEmail(role), now = new Date()) {
  const result = await registerAccount(db, { fullName: "Ann Example", email, password: PASSWORD, role }, now);
  if (!result.userId) throw new Error(`${email} was already registered`);
  return { userId: result.userId, email };
}

async function userRow(userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row;
}

/** The mailbox emails of one user with one template, oldest first. */
function emailsOf(userId: string, template: string) {
  return db
    .select()
    .from(emails)
    .where(and(eq(emails.userId, userId), eq(emails.template, template)))
    .orderBy(emails.createdAt);
}

/** The token from the newest emailed link to `path`, as the user would click it. */
async function emailedToken(userId: string, template: string, path: string): Promise<string> {
  const sent = await emailsOf(userId, template);
  expect(sent.length).toBeGreaterThan(0);
  const newest = sent[sent.length - 1];
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(newest.text);
  expect(match, `no ${path} link in: ${newest.text}`).not.toBeNull();
  return match![1];
}

describe("registerAccount", () => {
  it("stores an argon2id hash, never the password, and a patient profile", async () => {
    const { userId, email } = await register("patient");
    const user = await userRow(userId);
    expect(user.email).toBe(email);
    expect(user.role).toBe("patient");
    expect(user.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.active).toBe(true);
    expect(await db.select().from(patientProfiles).where(eq(patientProfiles.userId, userId))).toHaveLength(1);
    expect(await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, userId))).toHaveLength(0);
  });

  it("gives a doctor a doctor profile awaiting verification", async () => {
    const { userId } = await register("doctor");
    const user = await userRow(userId);
    expect(user.role).toBe("doctor");
    expect(user.passwordHash?.startsWith("$argon2id$")).toBe(true);
    const profiles = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, userId));
    expect(profiles).toHaveLength(1);
    expect(profiles[0].verificationStatus).toBe("pending");
    expect(await db.select().from(patientProfiles).where(eq(patientProfiles.userId, userId))).toHaveLength(0);
  });

  it("answers the same email in another letter case without an error, keeps one user and tells its owner", async () => {
    const local = `ann-${randomUUID()}`;
    const first = await register("patient", `${local.replace("ann", "Ann")}@X.test`);
    const second = await registerAccount(
      db,
      {
        fullName: "Ann Again",
        email: `${local}@x.test`,
        password: PASSWORD,
        role: "doctor",
      },
      new Date(),
    );
    expect(second).toEqual({ userId: null });
    const rows = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${`${local}@x.test`}`);
    expect(rows.map((row) => row.id)).toEqual([first.userId]);
    expect(rows[0].fullName).toBe("Ann Example");
    expect(await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, first.userId))).toHaveLength(0);
    // The owner hears of it; no second confirmation link, no token.
    const notices = await emailsOf(first.userId, "account-exists");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ toAddress: first.email, subject: "Someone tried to register with your address" });
    expect(notices[0].text).toContain("http://localhost:3000/forgot-password");
    expect(notices[0].text).not.toContain("token=");
    expect(await emailsOf(first.userId, "verify-email")).toHaveLength(1);
  });

  it("stores a verification email with a /verify-email link in the mailbox", async () => {
    const { userId, email } = await register("patient");
    const sent = await emailsOf(userId, "verify-email");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      toAddress: email,
      provider: "mailbox",
      status: "stored",
      subject: "Confirm your email address",
    });
    expect(sent[0].text).toMatch(/http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_-]{43}/);
    expect(sent[0].html).toContain("/verify-email?token=");
    // Only a hash of the token is stored.
    const token = await emailedToken(userId, "verify-email", "/verify-email");
    // One link and one 6-digit code (typed instead of the link), both stored as hashes only.
    const stored = await db.select().from(authTokens).where(eq(authTokens.userId, userId));
    expect(stored.map((row) => row.kind).sort()).toEqual(["verify_email", "verify_email_code"]);
    expect(stored.every((row) => !row.tokenHash.includes(token))).toBe(true);
    expect(sent[0].text).toMatch(/Or enter this code with your email address at http:\/\/localhost:3000\/verify-email: \d{6}/);
  });

  it("speaks to a doctor as a doctor: confirming is about being verified and booked, not about booking", async () => {
    const { userId } = await register("doctor");
    const [sent] = await emailsOf(userId, "verify-email");
    expect(sent.text).toContain("Confirm your email address to finish your profile and have it verified, so that patients can find and book you.");
    expect(sent.text).not.toContain("book appointments");
    const token = await emailedToken(userId, "verify-email", "/verify-email");
    expect(await verifyEmailToken(db, token, new Date())).toEqual({ role: "doctor" });
  });
});

describe("registering with a weak password", () => {
  it("is refused with the reason, and no account is made", async () => {
    const email = uniqueEmail();
    const refused = await registerAccount(db, { fullName: "Maria Example", email, password: "mariaexample2026", role: "patient" }, new Date()).then(
      () => null,
      (error: unknown) => error,
    );
    expect((refused as { fieldErrors?: Record<string, string[]> }).fieldErrors?.password).toEqual([
      "This is too close to your name or email address. Choose words unrelated to you.",
    ]);
    expect(
      await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`),
    ).toHaveLength(0);
  });
});

/** The 6-digit code of the newest confirmation email, as the user reads it. */
async function emailedCode(userId: string): Promise<string> {
  const sent = await emailsOf(userId, "verify-email");
  return /: (\d{6})\s*$/m.exec(sent.at(-1)!.text)![1]!;
}

describe("verifyEmailCode", () => {
  it("the emailed 6-digit code confirms the address once, and the link stops working too", async () => {
    const now = new Date();
    const { userId, email } = await register("doctor", uniqueEmail(), now);
    const code = await emailedCode(userId);
    const token = await emailedToken(userId, "verify-email", "/verify-email");
    expect(await verifyEmailCode(db, { email: email.toUpperCase(), code }, now)).toEqual({ role: "doctor" });
    expect((await userRow(userId)).emailVerifiedAt).toEqual(now);
    expect(await verifyEmailCode(db, { email, code }, now)).toBeNull();
    expect(await verifyEmailToken(db, token, now)).toBeNull();
  });

  it("refuses a wrong code, another user's code, and a code after the link was used", async () => {
    const now = new Date();
    const first = await register("patient", uniqueEmail(), now);
    const second = await register("patient", uniqueEmail(), now);
    const code = await emailedCode(first.userId);
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await verifyEmailCode(db, { email: first.email, code: wrong }, now)).toBeNull();
    expect(await verifyEmailCode(db, { email: second.email, code }, now)).toBeNull();
    expect((await userRow(second.userId)).emailVerifiedAt).toBeNull();
    await verifyEmailToken(db, await emailedToken(first.userId, "verify-email", "/verify-email"), now);
    expect(await verifyEmailCode(db, { email: first.email, code }, now)).toBeNull();
  });

  it("expires with the link", async () => {
    const now = new Date("2030-05-01T10:00:00Z");
    const { userId, email } = await register("patient", uniqueEmail(), now);
    expect(await verifyEmailCode(db, { email, code: await emailedCode(userId) }, new Date(now.getTime() + 49 * 3600_000))).toBeNull();
  });
});

describe("verifyEmailToken", () => {
  it("verifies the address once; the link does not work twice", async () => {
    const now = new Date("2030-05-01T10:00:00Z");
    const { userId } = await register("patient", uniqueEmail(), now);
    const token = await emailedToken(userId, "verify-email", "/verify-email");
    const later = new Date(now.getTime() + 5 * 60_000);

    expect(await verifyEmailToken(db, token, later)).toEqual({ role: "patient" });
    expect((await userRow(userId)).emailVerifiedAt).toEqual(later);

    expect(await verifyEmailToken(db, token, new Date(later.getTime() + 1000))).toBeNull();
    expect((await userRow(userId)).emailVerifiedAt).toEqual(later);
  });

  it("refuses an expired link and leaves the address unverified", async () => {
    const now = new Date();
    const { userId } = await register("doctor", uniqueEmail(), now);
    const token = await emailedToken(userId, "verify-email", "/verify-email");
    await db
      .update(authTokens)
      .set({ expiresAt: new Date(now.getTime() - 60_000) })
      .where(eq(authTokens.userId, userId));

    expect(await verifyEmailToken(db, token, now)).toBeNull();
    expect((await userRow(userId)).emailVerifiedAt).toBeNull();
  });

  it("refuses a token that was never issued", async () => {
    expect(await verifyEmailToken(db, `made-up-${randomUUID()}`, new Date())).toBeNull();
  });
});

describe("requestPasswordReset", () => {
  it("for an unknown email stores no email and does not throw", async () => {
    const email = uniqueEmail("nobody");
    await expect(requestPasswordReset(db, email, new Date())).resolves.toBeUndefined();
    expect(
      await db
        .select()
        .from(emails)
        .where(sql`lower(${emails.toAddress}) = ${email}`),
    ).toHaveLength(0);
  });

  it("emails a /reset-password link to a known email typed in another case", async () => {
    const { userId, email } = await register("patient");
    await requestPasswordReset(db, email.toUpperCase(), new Date());
    const sent = await emailsOf(userId, "reset-password");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ toAddress: email, provider: "mailbox" });
    expect(sent[0].text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}/);
  });
});

describe("resetPassword", () => {
  it("refuses a weak password with the reason, and the link still works for a better one", async () => {
    const { userId, email } = await register("patient");
    const now = new Date();
    await requestPasswordReset(db, email, now);
    const token = await emailedToken(userId, "reset-password", "/reset-password");
    const weak = await resetPassword(db, token, "iloveyou12345", now).then(
      () => null,
      (error: unknown) => error,
    );
    expect((weak as { fieldErrors?: Record<string, string[]> }).fieldErrors?.password?.[0]).toMatch(/commonly used password/);
    expect(await verifyPassword((await userRow(userId)).passwordHash, PASSWORD)).toBe(true);
    expect(await resetPassword(db, token, NEW_PASSWORD, now)).toBe(true);
  });

  it("changes the hash, revokes every session, and the link works once", async () => {
    const { userId, email } = await register("patient");
    const expires = new Date(Date.now() + 12 * 3600_000);
    const sessionIds = [await createSession(db, userId, expires), await createSession(db, userId, expires)];
    const before = await userRow(userId);

    const now = new Date();
    await requestPasswordReset(db, email, now);
    const token = await emailedToken(userId, "reset-password", "/reset-password");
    const resetAt = new Date(now.getTime() + 60_000);

    expect(await resetPassword(db, token, NEW_PASSWORD, resetAt)).toBe(true);

    const after = await userRow(userId);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(false);

    const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(rows.map((row) => row.id).sort()).toEqual([...sessionIds].sort());
    for (const row of rows) expect(row.revokedAt).toEqual(resetAt);

    expect(await resetPassword(db, token, "yet another password 7", new Date(resetAt.getTime() + 1000))).toBe(false);
    expect((await userRow(userId)).passwordHash).toBe(after.passwordHash);
  });

  it("does not touch another user's sessions", async () => {
    const target = await register("patient");
    const bystander = await register("patient");
    const expires = new Date(Date.now() + 3600_000);
    const bystanderSession = await createSession(db, bystander.userId, expires);

    await requestPasswordReset(db, target.email, new Date());
    const token = await emailedToken(target.userId, "reset-password", "/reset-password");
    expect(await resetPassword(db, token, NEW_PASSWORD, new Date())).toBe(true);

    const [row] = await db.select().from(sessions).where(eq(sessions.id, bystanderSession));
    expect(row.revokedAt).toBeNull();
  });

  it("refuses an expired reset link and keeps the old password", async () => {
    const { userId, email } = await register("patient");
    const now = new Date();
    await requestPasswordReset(db, email, now);
    const token = await emailedToken(userId, "reset-password", "/reset-password");
    const oneHourOneSecondLater = new Date(now.getTime() + 3600_000 + 1000);

    expect(await resetPassword(db, token, NEW_PASSWORD, oneHourOneSecondLater)).toBe(false);
    expect(await verifyPassword((await userRow(userId)).passwordHash, PASSWORD)).toBe(true);
  });
});
