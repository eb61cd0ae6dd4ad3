import "server-only";
import type { Db } from "@/db/client";
import { lockAppSettings, updateTwoFactorPolicy } from "@/db/queries/settings";
import {
  deleteChallengesOfUser,
  deleteCredential,
  getTwoFactorCredential,
  hasConfirmedTwoFactor,
  revokeSessionsWithoutTwoFactor,
} from "@/db/queries/two-factor";
import { lockUsers } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/vocabulary";
import { securityEvent } from "@/lib/logger";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { auditAdmin, requireActiveAdmin, type Actor } from "./actor";

export interface TwoFactorPolicy {
  requireTwoFactorAdmins: boolean;
  requireTwoFactorDoctors: boolean;
}

/**
 * "Require two-factor authentication for": which roles must enrol right after
 * their password (lib/auth/two-factor/sign-in.ts). Audited before and after.
 * Turning a role on ends the sessions of its users who have no 2FA yet, so
 * nobody keeps using the portal without it; an admin must have it on their own
 * account before requiring it of admins (or they would be signing themselves out).
 */
export async function saveTwoFactorPolicy(db: Db, actor: Actor, policy: TwoFactorPolicy, now: Date) {
  return db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockAppSettings(tx);
    if (!current) throw new AppError("unavailable", "The settings row is missing: run the database migrations.");
    const before = { requireTwoFactorAdmins: current.requireTwoFactorAdmins, requireTwoFactorDoctors: current.requireTwoFactorDoctors };
    if (before.requireTwoFactorAdmins === policy.requireTwoFactorAdmins && before.requireTwoFactorDoctors === policy.requireTwoFactorDoctors) {
      return { changed: false, endedSessions: 0 };
    }
    const newlyRequired: Role[] = [
      ...(policy.requireTwoFactorAdmins && !before.requireTwoFactorAdmins ? (["admin"] as const) : []),
      ...(policy.requireTwoFactorDoctors && !before.requireTwoFactorDoctors ? (["doctor"] as const) : []),
    ];
    if (newlyRequired.includes("admin") && !(await hasConfirmedTwoFactor(tx, admin.id))) {
      throw new AppError("conflict", "Set up two-factor authentication on your own account (Account page) before requiring it for admins.");
    }
    await updateTwoFactorPolicy(tx, policy);
    const endedSessions = await revokeSessionsWithoutTwoFactor(tx, newlyRequired, now);
    await auditAdmin(tx, admin, { action: "settings.updated", entityType: "app_settings", entityId: "1", before, after: { ...policy, endedSessions } });
    return { changed: true, endedSessions };
  });
}

/**
 * "Reset two-factor authentication": the user's authenticator and recovery
 * codes are removed (a lost phone), any half-done sign-in of theirs ends, the
 * change is audited and the user is emailed (an outbox event, in the same
 * transaction). Their sessions stay: a reset is not a sign of a stolen account.
 */
export async function resetUserTwoFactor(db: Db, actor: Actor, userId: string) {
  return db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const [target] = await lockUsers(tx, [userId]);
    if (!target) throw new AppError("not_found", "That user does not exist.");
    const credential = await getTwoFactorCredential(tx, userId);
    if (!credential) throw new AppError("conflict", "This user has no two-factor authentication to reset.");
    await deleteCredential(tx, userId);
    await deleteChallengesOfUser(tx, userId);
    await auditAdmin(tx, admin, {
      action: "user.two_factor_reset",
      entityType: "user",
      entityId: userId,
      before: { twoFactor: credential.confirmedAt ? "on" : "setting-up" },
      after: { twoFactor: "off" },
    });
    await enqueueOutboxEvent(tx, "account/two-factor.reset", { userId });
    securityEvent("two_factor_reset_by_admin", { userId, adminId: admin.id });
    return { user: target };
  });
}
