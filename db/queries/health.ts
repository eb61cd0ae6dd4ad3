import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** One round trip to the database, for the health check: throws when it cannot be reached. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
