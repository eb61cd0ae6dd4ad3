import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** One round trip to the database, for the health check: throws when it cannot be reached. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * When the newest migration applied to this database was generated (drizzle's own
 * bookkeeping table, written by db/migrate.ts), or null when none was applied yet.
 * Compared with the newest committed one (db/migrations/meta/_journal.json) for readiness.
 */
export async function getLatestAppliedMigrationMillis(db: Db): Promise<number | null> {
  const exists = await db.execute<{ present: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists[0]?.present) return null;
  const rows = await db.execute<{ latest: string | null }>(sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`);
  const latest = rows[0]?.latest;
  return latest == null ? null : Number(latest);
}
