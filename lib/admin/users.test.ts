// Role changes and deactivation: never your own, never the last admin, and a
// changed user's sessions end in the same transaction.
import { and, eq, notInArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { doctorProfiles, users } from "@/db/schema";
import { getSessionWithUser } from "@/db/queries/users";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { sessionRefusal } from "@/lib/auth/session-validity";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import {
  TEST_NOW as NOW,
  adminActor,
  auditRowsFor,
  createDoctor,
  createPatient,
  deferred,
  inRolledBackTransaction,
  rejectionOf,
  sessionAt,
  userRow,
} from "@/tests/factories";
import { atBoundary } from "@/tests/boundary";
import { changeRoleSchema, setActiveSchema } from "./schemas";
import { changeUserRole, roleChangeRefusal, setUsersActiveState } from "./users";

const db = useTestDb({ max: 6 });
/** A minute after NOW: sessions touched at NOW are still fresh. */
const LATER = new Date(NOW.getTime() + 60_000);

async function expectRefused(promise: Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe("the role-change rule", () => {
  const base = { actorId: "a", targetId: "b", targetRole: "admin" as const, targetActive: true, newRole: "patient" as const };

  it("refuses your own role", () => {
    expect(roleChangeRefusal({ ...base, targetId: "a", activeAdminIds: ["a", "c"] })).toBe("self");
  });

  it("refuses to demote the last active admin", () => {
    expect(roleChangeRefusal({ ...base, activeAdminIds: ["b"] })).toBe("last_admin");
  });

  it("allows demoting an admin while another active admin remains, and promoting anyone", () => {
    expect(roleChangeRefusal({ ...base, activeAdminIds: ["a", "b"] })).toBeNull();
    expect(roleChangeRefusal({ ...base, targetRole: "patient", newRole: "admin", activeAdminIds: ["a"] })).toBeNull();
  });

  it("refuses an actor who is no longer an active admin", () => {
    expect(roleChangeRefusal({ ...base, targetRole: "patient", newRole: "doctor", activeAdminIds: ["c"] })).toBe("actor_not_admin");
  });

  it("demoting an inactive admin does not count against the last active one", () => {
    expect(roleChangeRefusal({ ...base, targetActive: false, activeAdminIds: ["a"] })).toBeNull();
  });
});

describe("changeUserRole", () => {
  it("refuses to change the acting admin's own role and changes nothing", async () => {
    const admin = await adminActor(db);
    await expectRefused(changeUserRole(db, admin, { userId: admin.id, role: "patient" }, NOW), "conflict", /your own role/);
    expect((await userRow(db, admin.id)).role).toBe("admin");
    expect(await auditRowsFor(db, "user", admin.id)).toEqual([]);
  });

  it("makes a patient a doctor: unverified profile, sessions revoked, audited with before/after", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db);
    const sid = await sessionAt(db, patient.id);
    const result = await changeUserRole(db, admin, { userId: patient.id, role: "doctor" }, NOW);
    expect(result.changed).toBe(true);
    expect((await userRow(db, patient.id)).role).toBe("doctor");
    const [profile] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, patient.id));
    expect(profile.verificationStatus).toBe("pending");
    expect(sessionRefusal(await getSessionWithUser(db, sid), LATER, 60)).toBe("revoked");
    const audit = await auditRowsFor(db, "user", patient.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      actorRole: "admin",
      action: "user.role_changed",
      before: { role: "patient" },
      after: { role: "doctor", sessionsRevoked: true },
    });
  });

  it("rejects an unknown role with a message for the field", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db);
    const error = (await rejectionOf(
      atBoundary(changeRoleSchema, { userId: patient.id, role: "superuser" }, (input) => changeUserRole(db, admin, input, NOW)),
    )) as AppError;
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors?.role).toEqual(["Choose a role."]);
  });

  it("two admins demoting each other at the same moment: exactly one wins, one admin of the two remains", async () => {
    const [a, b] = [await adminActor(db), await adminActor(db)];
    // Hold the admin rows so both requests are queued on the lock at once,
    // then release them together: without the service's row lock both would succeed.
    const release = deferred();
    const holding = deferred();
    const blocker = db.transaction(async (tx) => {
      await tx.execute(sql`select id from users where id in (${a.id}, ${b.id}) order by id for update`);
      holding.resolve();
      await release.promise;
    });
    await holding.promise;
    const attempts = Promise.allSettled([
      changeUserRole(db, a, { userId: b.id, role: "patient" }, NOW),
      changeUserRole(db, b, { userId: a.id, role: "patient" }, NOW),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release.resolve();
    await blocker;
    const outcomes = await attempts;
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    // The loser is either "last admin" (when no other admin exists) or no longer an admin itself.
    expect(["conflict", "forbidden"]).toContain((refused.reason as AppError).code);
    const roles = [(await userRow(db, a.id)).role, (await userRow(db, b.id)).role].sort();
    expect(roles).toEqual(["admin", "patient"]);
  });
});

describe("the last active admin, against the database", () => {
  // Only the two admins made here may be active, so the rest are deactivated
  // inside a transaction that is rolled back. The users table is locked for
  // that short while: an admin committed by a parallel file in between would
  // otherwise count as another active admin.
  async function withOnlyTheseAdminsActive(ids: string[], work: (tx: Db) => Promise<void>) {
    await inRolledBackTransaction(db, async (tx) => {
      await tx.execute(sql`lock table users in exclusive mode`);
      await tx
        .update(users)
        .set({ active: false })
        .where(and(eq(users.role, "admin"), eq(users.active, true), notInArray(users.id, ids)));
      await work(tx);
    });
  }

  it("a just-demoted admin's still-open session cannot demote the one admin left, nor deactivate them", async () => {
    const [a, b] = [await adminActor(db), await adminActor(db)];
    await withOnlyTheseAdminsActive([a.id, b.id], async (tx) => {
      // With another active admin left, demoting b is allowed.
      expect((await changeUserRole(tx, a, { userId: b.id, role: "patient" }, NOW)).changed).toBe(true);
      const [{ n }] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from users where role = 'admin' and active`);
      expect(n).toBe(1);

      // b still holds a session that says "admin"; a is now the only active admin.
      await expectRefused(changeUserRole(tx, b, { userId: a.id, role: "patient" }, LATER), "conflict", /last active administrator/);
      await expectRefused(setUsersActiveState(tx, b, { userIds: [a.id], active: false }, LATER), "forbidden");
      expect(await userRow(tx, a.id)).toMatchObject({ role: "admin", active: true });
      expect((await auditRowsFor(tx, "user", a.id)).filter((row) => row.actorId === b.id)).toEqual([]);
    });
    // Nothing of this reached the shared database.
    expect(await userRow(db, b.id)).toMatchObject({ role: "admin", active: true });
  });
});

describe("deactivation", () => {
  it("ends every session of the user at once, and they cannot sign in", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db);
    const password = "a long enough passphrase";
    await db.execute(sql`update users set password_hash = ${await hashPassword(password)} where id = ${patient.id}`);
    const [first, second] = [await sessionAt(db, patient.id), await sessionAt(db, patient.id)];
    expect(sessionRefusal(await getSessionWithUser(db, first), LATER, 60)).toBeNull();

    const result = await setUsersActiveState(db, admin, { userIds: [patient.id], active: false }, NOW);
    expect(result.changed).toBe(1);
    expect((await userRow(db, patient.id)).active).toBe(false);
    for (const sid of [first, second]) expect(sessionRefusal(await getSessionWithUser(db, sid), LATER, 60)).toBe("revoked");
    expect(await verifyCredentials(db, patient.email, password, LATER)).toEqual({ ok: false, reason: "inactive" });

    const audit = await auditRowsFor(db, "user", patient.id);
    expect(audit.map((row) => row.action)).toEqual(["user.deactivated"]);
    expect(audit[0]).toMatchObject({ actorId: admin.id, before: { active: true }, after: { active: false, sessionsRevoked: true } });
  });

  it("a session revoked by deactivation stays refused after reactivation (a new sign-in is needed)", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db);
    const sid = await sessionAt(db, patient.id);
    await setUsersActiveState(db, admin, { userIds: [patient.id], active: false }, NOW);
    await setUsersActiveState(db, admin, { userIds: [patient.id], active: true }, NOW);
    expect((await userRow(db, patient.id)).active).toBe(true);
    expect(sessionRefusal(await getSessionWithUser(db, sid), LATER, 60)).toBe("revoked");
    expect((await auditRowsFor(db, "user", patient.id)).map((row) => row.action)).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("changes several users in one go, and all or nothing: a selection that includes yourself changes nobody", async () => {
    const admin = await adminActor(db);
    const [p1, p2] = [await createPatient(db), await createPatient(db)];
    const doctor = await createDoctor(db);
    await expectRefused(setUsersActiveState(db, admin, { userIds: [p1.id, admin.id, p2.id], active: false }, NOW), "conflict", /your own account/);
    expect((await userRow(db, p1.id)).active).toBe(true);
    expect((await userRow(db, p2.id)).active).toBe(true);

    const result = await setUsersActiveState(db, admin, { userIds: [p1.id, p2.id, doctor.id], active: false }, NOW);
    expect(result).toEqual({ changed: 3, unchanged: 0 });
    for (const id of [p1.id, p2.id, doctor.id]) expect((await userRow(db, id)).active).toBe(false);
  });

  it("an unknown id in the selection changes nobody", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db);
    await expectRefused(setUsersActiveState(db, admin, { userIds: [patient.id, "00000000-0000-4000-8000-00000000dead"], active: false }, NOW), "not_found");
    expect((await userRow(db, patient.id)).active).toBe(true);
  });

  it("an empty selection is refused with a message", async () => {
    const admin = await adminActor(db);
    const error = (await rejectionOf(
      atBoundary(setActiveSchema, { userIds: [], active: false }, (input) => setUsersActiveState(db, admin, input, NOW)),
    )) as AppError;
    expect(error.fieldErrors?.userIds).toEqual(["Select at least one user."]);
  });
});

describe("the session check", () => {
  it("honours the admin's idle timeout when it is stricter than the server's", async () => {
    const patient = await createPatient(db);
    const sid = await sessionAt(db, patient.id);
    await inRolledBackTransaction(db, async (tx) => {
      // Other test files never see this setting.
      await tx.execute(sql`update app_settings set session_idle_minutes = 10 where id = 1`);
      const row = await getSessionWithUser(tx, sid);
      expect(row.sessionIdleMinutes).toBe(10);
      expect(sessionRefusal(row, new Date(NOW.getTime() + 9 * 60_000), 60)).toBeNull();
      expect(sessionRefusal(row, new Date(NOW.getTime() + 11 * 60_000), 60)).toBe("idle");
      // The server's limit still wins when it is the stricter one.
      expect(sessionRefusal(row, new Date(NOW.getTime() + 9 * 60_000), 5)).toBe("idle");
    });
    expect((await getSessionWithUser(db, sid)).sessionIdleMinutes).not.toBe(10);
  });
});
