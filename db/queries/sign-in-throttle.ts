import "server-only";
import { eq, sql } from "drizzle-orm";
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
 * Applies `next` to the current state under a row lock, so parallel wrong
 * passwords on several servers are all counted.
 */
export async function updateThrottle(db: Db, emailKey: string, now: Date, next: (state: ThrottleState | null) => ThrottleState) {
  return db.transaction(async (tx) => {
    await tx.insert(signInThrottle).values({ emailKey, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.execute<{ failures: number; window_started_at: Date; locked_until: Date | null }>(
      sql`SELECT failures, window_started_at, locked_until FROM sign_in_throttle WHERE email_key = ${emailKey} FOR UPDATE`,
    );
    const current: ThrottleState | null =
      row && row.failures > 0
        ? { failures: row.failures, windowStartedAt: new Date(row.window_started_at), lockedUntil: row.locked_until ? new Date(row.locked_until) : null }
        : null;
    const state = next(current);
    await tx
      .update(signInThrottle)
      .set({ failures: state.failures, windowStartedAt: state.windowStartedAt, lockedUntil: state.lockedUntil })
      .where(eq(signInThrottle.emailKey, emailKey));
    return state;
  });
}

export async function clearThrottle(db: Db, emailKey: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.emailKey, emailKey));
}
