import "server-only";
import journal from "@/db/migrations/meta/_journal.json";
import type { Db } from "@/db/client";
import { getLatestAppliedMigrationMillis, pingDatabase } from "@/db/queries/health";

/** When the newest committed migration was generated: the database must have applied it. */
export const LATEST_MIGRATION_MILLIS = Math.max(...journal.entries.map((entry) => entry.when));

export type Readiness = { ready: true } | { ready: false; reason: "shutting_down" | "database_unreachable" | "migrations_pending"; detail?: string };

/**
 * Whether this server should be sent traffic: not while it is stopping, not without its
 * database, and not on a database whose schema is older than this build's (the migrate
 * Job or service has not run yet). The orchestrator keeps a server that is alive but not
 * ready out of the load balancer and leaves it running.
 */
export async function checkReadiness(db: Db, shuttingDown: boolean): Promise<Readiness> {
  if (shuttingDown) return { ready: false, reason: "shutting_down" };
  let applied: number | null;
  try {
    await pingDatabase(db);
    applied = await getLatestAppliedMigrationMillis(db);
  } catch (error) {
    return { ready: false, reason: "database_unreachable", detail: (error as Error).message };
  }
  if (applied === null || applied < LATEST_MIGRATION_MILLIS) return { ready: false, reason: "migrations_pending" };
  return { ready: true };
}
