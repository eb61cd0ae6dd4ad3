import "server-only";
import type { Db } from "@/db/client";
import { lockAppSettings, updateTwoFactorPolicy } from "@/db/queries/settings";
import { deleteChallengesOfUser, deleteCredential, getTwoFactorCredential } from "@/db/queries/two-factor";
import { lockUsers } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { securityEvent } from "@/lib/logger";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { auditAdmin, requireActiveAdmin, type Actor } from "./actor";

export interface TwoFactorPolicy {
  requireTwoFactorAdmins: boolean;
  requireTwoFactorDoctors: boolean;
}

/** "Require two-factor authentication for": which roles must enrol right after their password (lib/auth/two-factor/sign-in.ts). Audited before and after. */
export async function saveTwoFactorPolicy(db: Db, actor: Actor, policy: TwoFactorPolicy) {
  return db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockAppSettings(tx);
    if (!current) throw new AppError("unavailable", "The settings row is missing: run the database migrations.");
    const before = { requireTwoFactorAdmins: current.requireTwoFactorAdmins, requireTwoFactorDoctors: current.requireTwoFactorDoctors };
    if (before.requireTwoFactorAdmins === policy.requireTwoFactorAdmins && before.requireTwoFactorDoctors === policy.requireTwoFactorDoctors) {
      return { changed: false };
    }
    await updateTwoFactorPolicy(tx, policy);
    await auditAdmin(tx, admin, { action: "settings.updated", entityType: "app_settings", entityId: "1", before, after: policy });
    return { changed: true };
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
