// The token endpoint's second factor (lib/api/second-factor.ts) with real
// two-factor authentication: an account with it on gets no token without a
// right code (or a recovery code, once), wrong codes count under the lockout
// like passwords, and a role that must have it gets no token until it is set up.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appSettings, sessions, twoFactorCredentials, users } from "@/db/schema";
import { saveTwoFactorPolicy } from "@/lib/admin/two-factor";
import { authenticate } from "@/lib/api/authenticate";
import { createPersonalAccessToken } from "@/lib/api/personal-tokens";
import { beginTwoFactorSetup, confirmTwoFactorSetup, getTwoFactorStatus } from "@/lib/auth/two-factor/service";
import { totpCodeAt } from "@/lib/auth/two-factor/totp";
import { adminActor, createAdmin, createDoctor, createPatient, inRolledBackTransaction } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { BASE, TEST_PASSWORD, api, givePassword, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

async function enrolledPatient() {
  const patient = await createPatient(db);
  await givePassword(db, patient.id);
  await beginTwoFactorSetup(db, patient.id);
  const status = await getTwoFactorStatus(db, patient);
  if (status.state !== "setting-up") throw new Error("set-up did not start");
  const recoveryCodes = await confirmTwoFactorSetup(db, patient.id, totpCodeAt(status.secret, new Date(Date.now() - 60_000)), new Date(Date.now() - 60_000));
  return { ...patient, secret: status.secret, recoveryCodes };
}

const grant = (email: string, otp?: string) =>
  api("POST", "/auth/token", { body: { grant_type: "password", email, password: TEST_PASSWORD, ...(otp ? { otp } : {}) } });

const sessionsOf = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId));

describe("the password grant with two-factor authentication on", () => {
  it("refuses without a code and with a wrong one, issuing nothing; the right code signs in", async () => {
    const patient = await enrolledPatient();
    const missing = await grant(patient.email);
    expect(missing.status).toBe(401);
    expect(((await expectDocumented(missing, "/auth/token", "post")) as { errors: Record<string, string[]> }).errors.otp).toBeDefined();
    const right = totpCodeAt(patient.secret, new Date());
    expect((await grant(patient.email, right === "000000" ? "111111" : "000000")).status).toBe(401);
    expect(await sessionsOf(patient.id)).toHaveLength(0);
    const signedIn = await grant(patient.email, right);
    expect(signedIn.status).toBe(200);
    expect(await sessionsOf(patient.id)).toHaveLength(1);
  });

  it("takes a recovery code once", async () => {
    const patient = await enrolledPatient();
    const code = patient.recoveryCodes[0]!;
    expect((await grant(patient.email, code)).status).toBe(200);
    expect((await grant(patient.email, code)).status).toBe(401);
  });

  it("counts wrong codes like wrong passwords: a burst locks the account and answers 429", async () => {
    const patient = await enrolledPatient();
    const right = totpCodeAt(patient.secret, new Date());
    const wrong = right === "000000" ? "111111" : "000000";
    const answers = await Promise.all(Array.from({ length: 6 }, () => grant(patient.email, wrong)));
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThan(0);
    const locked = await grant(patient.email, right);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await sessionsOf(patient.id)).toHaveLength(0);
  });

  it("is asked only after the password was right", async () => {
    const patient = await enrolledPatient();
    const wrong = await api("POST", "/auth/token", {
      body: { grant_type: "password", email: patient.email, password: "wrong password", otp: totpCodeAt(patient.secret, new Date()) },
    });
    expect(wrong.status).toBe(401);
    expect(await sessionsOf(patient.id)).toHaveLength(0);
  });
});

describe("a role that must use two-factor authentication", () => {
  afterEach(async () => {
    await db.update(appSettings).set({ requireTwoFactorAdmins: false }).where(eq(appSettings.id, 1));
  });

  it("gets no token until it has set it up", async () => {
    const admin = await createAdmin(db);
    await givePassword(db, admin.id);
    await db.update(appSettings).set({ requireTwoFactorAdmins: true }).where(eq(appSettings.id, 1));
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, admin.id));
    const refused = await grant(email);
    expect(refused.status).toBe(403);
    expect(await sessionsOf(admin.id)).toHaveLength(0);
  });

  it("turned on for a role, ends the access and personal tokens of its users without it on their next request (rolled back: the setting is shared)", async () => {
    const admin = await adminActor(db);
    const withTokens = async () => {
      const doctor = await createDoctor(db);
      const { token: personal } = await createPersonalAccessToken(
        db,
        { id: doctor.id, role: "doctor" },
        { name: "clinic system", scope: "write", expiresIn: "30" },
        new Date(),
      );
      return { doctor, access: await tokenFor(doctor, "doctor"), personal };
    };
    const plain = await withTokens();
    const enrolled = await withTokens();
    await db.insert(twoFactorCredentials).values({ userId: enrolled.doctor.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: new Date() });
    // authenticate() is the check every /api/v1 request starts with; here it reads through the transaction.
    const who = async (tx: typeof db, token: string) =>
      (await authenticate(tx, new Request(`${BASE}/me`, { headers: { authorization: `Bearer ${token}` } }), new Date())).kind;
    await inRolledBackTransaction(db, async (tx) => {
      for (const token of [plain.access, plain.personal, enrolled.access, enrolled.personal]) expect(await who(tx, token)).toBe("caller");
      await saveTwoFactorPolicy(tx, admin, { requireTwoFactorAdmins: false, requireTwoFactorDoctors: true }, new Date());
      expect(await who(tx, plain.access), "access token without 2FA").toBe("refused");
      expect(await who(tx, plain.personal), "personal token without 2FA").toBe("refused");
      expect(await who(tx, enrolled.access), "access token with 2FA").toBe("caller");
      expect(await who(tx, enrolled.personal), "personal token with 2FA").toBe("caller");
    });
    expect((await db.select().from(appSettings))[0]).toMatchObject({ requireTwoFactorDoctors: false });
    expect((await api("GET", "/me", { token: plain.personal })).status).toBe(200);
  });
});
