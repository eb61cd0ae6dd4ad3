// The admin's side of two-factor authentication: resetting a user's (a lost
// phone) is audited and emails the user through the outbox; the policy
// "Require two-factor authentication for" is audited before and after;
// neither is open to anyone but an active admin.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appSettings, emails, outboxEvents, sessions, twoFactorChallenges, twoFactorCredentials, twoFactorRecoveryCodes, users } from "@/db/schema";
import { sendTwoFactorResetNotice } from "@/inngest/functions/send-two-factor-reset-notice";
import { runFromOutbox } from "@/inngest/testing/outbox";
import { beginTwoFactorSetup, confirmTwoFactorSetup, getTwoFactorStatus } from "@/lib/auth/two-factor/service";
import { totpCodeAt } from "@/lib/auth/two-factor/totp";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW as NOW, adminActor, auditRowsFor, createDoctor, createPatient, inRolledBackTransaction, rejectionOf, sessionAt } from "@/tests/factories";
import { resetUserTwoFactor, saveTwoFactorPolicy } from "./two-factor";

const db = useTestDb({ max: 4 });

async function enrolled(userId: string) {
  await beginTwoFactorSetup(db, userId);
  const [credential] = await db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId));
  await confirmTwoFactorSetup(db, userId, totpCodeAt(credential!.secret, new Date()), new Date());
}

describe("resetting a user's two-factor authentication", () => {
  it("removes the authenticator, the recovery codes and any half-done sign-in; audited; the user is emailed", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    await enrolled(doctor.id);
    await db
      .insert(twoFactorChallenges)
      .values({ tokenHash: `t-${doctor.id}`, userId: doctor.id, purpose: "verify", expiresAt: new Date(Date.now() + 60_000) });

    await resetUserTwoFactor(db, admin, doctor.id);
    expect(await getTwoFactorStatus(db, { id: doctor.id, email: doctor.email })).toEqual({ state: "off" });
    expect(await db.$count(twoFactorRecoveryCodes, eq(twoFactorRecoveryCodes.userId, doctor.id))).toBe(0);
    expect(await db.$count(twoFactorChallenges, eq(twoFactorChallenges.userId, doctor.id))).toBe(0);

    const audit = await auditRowsFor(db, "user", doctor.id);
    expect(audit.map((row) => [row.action, row.actorId, row.actorRole, row.before, row.after])).toEqual([
      ["user.two_factor_reset", admin.id, "admin", { twoFactor: "on" }, { twoFactor: "off" }],
    ]);
    const queued = await db.select().from(outboxEvents).where(eq(outboxEvents.name, "account/two-factor.reset"));
    expect(queued.filter((row) => (row.payload as { userId: string }).userId === doctor.id)).toHaveLength(1);

    expect(await runFromOutbox(db, sendTwoFactorResetNotice, { userId: doctor.id })).toMatchObject([{ email: { outcome: "stored" } }]);
    const [mail] = await db.select().from(emails).where(eq(emails.userId, doctor.id));
    expect(mail).toMatchObject({
      toAddress: doctor.email,
      template: "two-factor-reset",
      subject: "Two-factor authentication was reset on your Careslot account",
    });
    expect(mail!.text).toContain("turned off two-factor authentication");
    expect(mail!.text).toContain("/doctor/account");
  });

  it("refuses a user without 2FA, and anyone but an active admin; nothing changes", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db);
    expect(((await rejectionOf(resetUserTwoFactor(db, admin, patient.id))) as AppError).code).toBe("conflict");

    await enrolled(patient.id);
    const doctor = await createDoctor(db);
    expect(((await rejectionOf(resetUserTwoFactor(db, { id: doctor.id, role: "doctor" }, patient.id))) as AppError).code).toBe("forbidden");
    // An admin demoted a moment ago: the session says admin, the table does not.
    const demoted = await adminActor(db);
    await db.update(users).set({ role: "patient" }).where(eq(users.id, demoted.id));
    expect(((await rejectionOf(resetUserTwoFactor(db, demoted, patient.id))) as AppError).code).toBe("forbidden");
    expect((await getTwoFactorStatus(db, { id: patient.id, email: patient.email })).state).toBe("on");
    expect(await auditRowsFor(db, "user", patient.id)).toEqual([]);
  });
});

describe("Require two-factor authentication for", () => {
  it("is saved and audited with the values before and after; the sessions of the newly required role without 2FA end (rolled back: the setting is shared)", async () => {
    const admin = await adminActor(db);
    const plainAdmin = await adminActor(db);
    const doctor = await createDoctor(db);
    const plainAdminSession = await sessionAt(db, plainAdmin.id);
    const doctorSession = await sessionAt(db, doctor.id);
    const adminSession = await sessionAt(db, admin.id);
    await inRolledBackTransaction(db, async (tx) => {
      // Requiring it of admins while having none oneself is refused.
      expect(
        ((await rejectionOf(saveTwoFactorPolicy(tx, admin, { requireTwoFactorAdmins: true, requireTwoFactorDoctors: false }, NOW))) as AppError).code,
      ).toBe("conflict");
      await tx.insert(twoFactorCredentials).values({ userId: admin.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: NOW });
      const saved = await saveTwoFactorPolicy(tx, admin, { requireTwoFactorAdmins: true, requireTwoFactorDoctors: false }, NOW);
      expect(saved.changed).toBe(true);
      expect(saved.endedSessions).toBeGreaterThanOrEqual(1);
      expect((await tx.select().from(appSettings))[0]).toMatchObject({ requireTwoFactorAdmins: true, requireTwoFactorDoctors: false });
      const revoked = async (id: string) => (await tx.select().from(sessions).where(eq(sessions.id, id)))[0]!.revokedAt;
      expect(await revoked(plainAdminSession)).toEqual(NOW);
      expect(await revoked(adminSession)).toBeNull();
      expect(await revoked(doctorSession)).toBeNull();
      const audit = (await auditRowsFor(tx, "app_settings", "1")).filter((row) => row.actorId === admin.id);
      expect(audit.map((row) => [row.action, row.before, row.after])).toEqual([
        [
          "settings.updated",
          { requireTwoFactorAdmins: false, requireTwoFactorDoctors: false },
          { requireTwoFactorAdmins: true, requireTwoFactorDoctors: false, endedSessions: saved.endedSessions },
        ],
      ]);
      expect(await saveTwoFactorPolicy(tx, admin, { requireTwoFactorAdmins: true, requireTwoFactorDoctors: false }, NOW)).toEqual({
        changed: false,
        endedSessions: 0,
      });
    });
    expect((await db.select().from(appSettings))[0]).toMatchObject({ requireTwoFactorAdmins: false, requireTwoFactorDoctors: false });
    expect((await db.select().from(sessions).where(eq(sessions.id, plainAdminSession)))[0]!.revokedAt).toBeNull();
  });

  it("is refused to a non-admin", async () => {
    const doctor = await createDoctor(db);
    const refusal = (await rejectionOf(
      saveTwoFactorPolicy(db, { id: doctor.id, role: "doctor" }, { requireTwoFactorAdmins: true, requireTwoFactorDoctors: true }, NOW),
    )) as AppError;
    expect(refusal.code).toBe("forbidden");
    expect((await db.select().from(appSettings))[0]).toMatchObject({ requireTwoFactorAdmins: false, requireTwoFactorDoctors: false });
  });
});
