import "server-only";
import type { Db } from "@/db/client";
import { isActiveAdmin } from "@/db/queries/users";
import { insertAuditEntry } from "@/db/queries/audit";
import { AppError } from "@/lib/errors";
import { securityEvent } from "@/lib/logger";
import type { Actor } from "@/lib/vocabulary";

export type { Actor } from "@/lib/vocabulary";
export type AdminActor = { id: string; role: "admin" };

const ADMIN_ONLY = "Only administrators can do that.";

/**
 * The first line of every admin service: the caller's role as the session
 * says it. Pages and actions check too, but a service must never trust that
 * its caller did.
 */
export function assertAdmin(actor: Actor | null | undefined): asserts actor is AdminActor {
  if (!actor || actor.role !== "admin") {
    securityEvent("permission_refused", { userId: actor?.id, role: actor?.role, required: ["admin"], area: "admin-service" });
    throw new AppError("forbidden", ADMIN_ONLY);
  }
}

/** The role as the table says it now: an admin demoted or deactivated a moment ago can do nothing more. */
export async function requireActiveAdmin(db: Db, actor: Actor | null | undefined): Promise<AdminActor> {
  assertAdmin(actor);
  if (!(await isActiveAdmin(db, actor.id))) {
    securityEvent("permission_refused", { userId: actor.id, role: "admin", reason: "no longer an active admin" });
    throw new AppError("forbidden", ADMIN_ONLY);
  }
  return actor;
}

export function auditAdmin(db: Db, actor: AdminActor, entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown }) {
  return insertAuditEntry(db, { actorId: actor.id, actorRole: "admin", ...entry });
}
