import "server-only";
import type { Db } from "@/db/client";
import { lockActiveAdmins, lockUsers, revokeAllSessionsOfUser, setUserRole, setUsersActive } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/vocabulary";
import { assertAdmin, auditAdmin, type Actor, type AdminActor } from "./actor";

// Role and activation changes. Each runs in one transaction that first locks
// every active admin row, so the rules below are checked against a state no
// other admin can change until we commit. Ending the user's sessions happens in
// the same transaction: the per-request session check refuses them at once.

export type RoleChangeRefusal = "self" | "last_admin" | "actor_not_admin" | null;

/**
 * The rules of a role change, on the locked state. Pure, so the "last admin"
 * case can be shown directly (the shared test database always has other admins).
 */
export function roleChangeRefusal(input: {
  actorId: string;
  targetId: string;
  targetRole: Role;
  targetActive: boolean;
  newRole: Role;
  activeAdminIds: string[];
}): RoleChangeRefusal {
  if (input.actorId === input.targetId) return "self";
  const demotesAnActiveAdmin = input.targetRole === "admin" && input.targetActive && input.newRole !== "admin";
  if (demotesAnActiveAdmin && input.activeAdminIds.filter((id) => id !== input.targetId).length === 0) return "last_admin";
  if (!input.activeAdminIds.includes(input.actorId)) return "actor_not_admin";
  return null;
}

const refusalErrors: Record<Exclude<RoleChangeRefusal, null>, AppError> = {
  self: new AppError("conflict", "You cannot change your own role. Ask another administrator."),
  last_admin: new AppError("conflict", "This is the last active administrator. Make someone else an administrator first."),
  actor_not_admin: new AppError("forbidden", "Only administrators can do that."),
};

function throwRefusal(refusal: RoleChangeRefusal) {
  if (refusal) throw new AppError(refusalErrors[refusal].code, refusalErrors[refusal].message);
}

/** An account its owner deleted is an anonymised shell kept for the records: it never signs in again. */
const DELETED_ACCOUNT = "That account was deleted by its owner and cannot be reactivated or given a role.";

async function lockAsAdmin(tx: Db, actor: AdminActor): Promise<string[]> {
  const admins = await lockActiveAdmins(tx);
  if (!admins.includes(actor.id)) throw new AppError("forbidden", "Only administrators can do that.");
  return admins;
}

/** Changes one user's role; the user's sessions end so the new role applies from their next sign-in. */
export async function changeUserRole(db: Db, actor: Actor, data: { userId: string; role: Role }, now: Date) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const [target] = await lockUsers(tx, [data.userId]);
    if (!target) throw new AppError("not_found", "That user does not exist.");
    if (target.deletedAt) throw new AppError("conflict", DELETED_ACCOUNT);
    throwRefusal(
      roleChangeRefusal({
        actorId: actor.id,
        targetId: target.id,
        targetRole: target.role,
        targetActive: target.active,
        newRole: data.role,
        activeAdminIds: admins,
      }),
    );
    if (target.role === data.role) return { changed: false, user: target };
    await setUserRole(tx, target.id, data.role);
    await revokeAllSessionsOfUser(tx, target.id, now);
    await auditAdmin(tx, actor, {
      action: "user.role_changed",
      entityType: "user",
      entityId: target.id,
      before: { role: target.role },
      after: { role: data.role, sessionsRevoked: true },
    });
    return { changed: true, user: { ...target, role: data.role } };
  });
}

/**
 * Deactivates or reactivates several users at once, all or nothing. A
 * deactivated user's sessions are revoked in the same transaction, and the
 * sign-in check refuses inactive accounts.
 */
export async function setUsersActiveState(db: Db, actor: Actor, data: { userIds: string[]; active: boolean }, now: Date) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    await lockAsAdmin(tx, actor);
    if (!data.active && data.userIds.includes(actor.id)) throw new AppError("conflict", "You cannot deactivate your own account. Nothing was changed.");
    const targets = await lockUsers(tx, data.userIds);
    if (targets.length !== data.userIds.length) throw new AppError("not_found", "Some of the selected users no longer exist. Nothing was changed.");
    if (data.active && targets.some((user) => user.deletedAt)) throw new AppError("conflict", `${DELETED_ACCOUNT} Nothing was changed.`);
    // The acting admin stays active (checked above), so at least one active admin always remains.
    const changing = targets.filter((user) => user.active !== data.active);
    await setUsersActive(
      tx,
      changing.map((user) => user.id),
      data.active,
    );
    for (const user of changing) {
      if (!data.active) await revokeAllSessionsOfUser(tx, user.id, now);
      await auditAdmin(tx, actor, {
        action: data.active ? "user.reactivated" : "user.deactivated",
        entityType: "user",
        entityId: user.id,
        before: { active: user.active },
        after: { active: data.active, ...(data.active ? {} : { sessionsRevoked: true }) },
      });
    }
    return { changed: changing.length, unchanged: targets.length - changing.length };
  });
}
