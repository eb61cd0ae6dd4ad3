// The local runner as the tests drive it: the app's real functions, a real
// pg-boss on a database of the test's own, fast polling and short retries.
import { eq, inArray, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { startJobQueue } from "@/lib/jobs/queue";
import type { LocalRunner, LocalRunnerOptions } from "@/inngest/local/runner";

export interface TestRunner extends LocalRunner {
  boss: PgBoss;
}

/**
 * The functions read the app's database (getDb, from DATABASE_URL) and the
 * client reads the configuration when first loaded: both are imported here,
 * after the test has pointed DATABASE_URL at its own database.
 */
export async function startTestRunner(url: string, db: Db, options: Partial<LocalRunnerOptions> = {}): Promise<TestRunner> {
  if (process.env.DATABASE_URL !== url) throw new Error("point DATABASE_URL at the runner's database before starting it");
  const [{ functions }, { startLocalRunner }] = await Promise.all([import("@/inngest"), import("@/inngest/local/runner")]);
  const boss = await startJobQueue(url);
  const runner = await startLocalRunner({ boss, db, functions, pollSeconds: 0.5, retryBaseMs: 50, outboxPollMs: 200, ...options });
  return { ...runner, boss };
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, timeoutMs = 15_000, label = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every run the runner made for these functions, newest last. */
export function runsOf(db: Db, functionId: string) {
  return db.select().from(jobRuns).where(eq(jobRuns.functionId, functionId)).orderBy(jobRuns.createdAt);
}

/**
 * Moves the clock forward for sleeping runs: each sleep now ends, in the run
 * and in its queued wake-up, as if its time had come.
 */
export async function endSleeps(db: Db, runIds?: string[]): Promise<void> {
  const where = runIds ? inArray(jobRuns.id, runIds) : eq(jobRuns.status, "sleeping");
  const sleeping = await db.select({ id: jobRuns.id, sleeps: jobRuns.sleeps }).from(jobRuns).where(where);
  const past = new Date(Date.now() - 1_000).toISOString();
  for (const run of sleeping) {
    const sleeps = Object.fromEntries(Object.keys(run.sleeps).map((id) => [id, past]));
    await db
      .update(jobRuns)
      .set({ sleeps, wakeAt: new Date(past) })
      .where(eq(jobRuns.id, run.id));
  }
  if (sleeping.length === 0) return;
  await db.execute(
    sql`UPDATE pgboss.job SET start_after = now() WHERE name = 'careslot-runs' AND state IN ('created', 'retry') AND data->>'runId' IN ${sleeping.map((run) => run.id)}`,
  );
}
