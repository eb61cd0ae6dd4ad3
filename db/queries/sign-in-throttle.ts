import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { signInThrottle } from "../schema";

/** One email's failed sign-ins, as the lockout rule (lib/auth/lockout.ts) reads and writes them. */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export async function getThrottle(db: Db, emailKey: string): Promise<ThrottleState | null> {
  const row = await db.query.signInThrottle.findFirst({ where: eq(signInThrottle.emailKey, emailKey) });
  return row ? { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil } : null;
}

/**
 * Decides on the current state under a row lock and stores the state decided,
 * so parallel attempts on several servers are applied one at a time: none is
 * lost, and none decides on a state another is about to change.
 */
export async function updateThrottle<T>(
  db: Db,
  emailKey: string,
  now: Date,
  decide: (state: ThrottleState | null) => { state: ThrottleState | null; result: T },
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.insert(signInThrottle).values({ emailKey, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.execute<{ failures: number; window_started_at: Date; locked_until: Date | null }>(
      sql`SELECT failures, window_started_at, locked_until FROM sign_in_throttle WHERE email_key = ${emailKey} FOR UPDATE`,
    );
    const current: ThrottleState | null =
      row && row.failures > 0
        ? { failures: row.failures, windowStartedAt: new Date(row.window_started_at), lockedUntil: row.locked_until ? new Date(row.locked_until) : null }
        : null;
    const { state, result } = decide(current);
    if (state && state !== current) {
      await tx
        .update(signInThrottle)
        .set({ failures: state.failures, windowStartedAt: state.windowStartedAt, lockedUntil: state.lockedUntil })
        .where(eq(signInThrottle.emailKey, emailKey));
    }
    return result;
  });
}

export async function clearThrottle(db: Db, emailKey: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.emailKey, emailKey));
}

/** Retention: failed-sign-in counts not touched since `before` (a lock lasts a minute, long over by then); returns how many. */
export async function deleteThrottlesIdleSince(db: Db, before: Date): Promise<number> {
  const deleted = await db.delete(signInThrottle).where(lt(signInThrottle.updatedAt, before)).returning({ emailKey: signInThrottle.emailKey });
  return deleted.length;
}
