import "server-only";
import { lt } from "drizzle-orm";
import type { Db } from "../client";
import { rateLimits } from "../schema";

/** Counters whose window ended before `before`; a key seen again starts a new row anyway. */
export async function deleteExpiredRateLimits(db: Db, before: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.expire, before));
}
