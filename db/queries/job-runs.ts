import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jobRunStatus, jobRuns, type StoredStep } from "../schema";

// The local job runner's state: one row per function run (see db/schema/jobs.ts).

export type JobRun = typeof jobRuns.$inferSelect;
export type NewJobRun = Pick<typeof jobRuns.$inferInsert, "id" | "functionId" | "eventName" | "event" | "idempotencyKey">;

const ACTIVE = ["queued", "running", "sleeping"] as const;

/**
 * Creates the runs an event starts. A run that exists already (the event was
 * delivered again) or whose idempotency key was used is skipped; the ids that
 * still wait to start are returned, so their wake-up can be (re)queued.
 */
export async function createJobRuns(db: Db, runs: NewJobRun[]): Promise<string[]> {
  if (runs.length === 0) return [];
  await db.insert(jobRuns).values(runs).onConflictDoNothing();
  const queued = await db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(
      and(
        inArray(
          jobRuns.id,
          runs.map((run) => run.id),
        ),
        eq(jobRuns.status, "queued"),
      ),
    );
  return queued.map((row) => row.id);
}

export async function getJobRun(db: Db, id: string): Promise<JobRun | undefined> {
  const [row] = await db.select().from(jobRuns).where(eq(jobRuns.id, id));
  return row;
}

/**
 * Takes a run that is due. Nothing when it is finished, cancelled or still
 * asleep, or when another wake-up is driving it: a run stays "running" only
 * while a step is under way, and one left so by a crashed server is taken
 * again once `staleAfter` has passed.
 */
export async function startJobRun(db: Db, id: string, now: Date, staleAfter: Date): Promise<JobRun | undefined> {
  const [row] = await db
    .update(jobRuns)
    .set({ status: "running", wakeAt: null })
    .where(
      and(
        eq(jobRuns.id, id),
        sql`((${jobRuns.status} IN ('queued', 'sleeping') AND (${jobRuns.wakeAt} IS NULL OR ${jobRuns.wakeAt} <= ${now.toISOString()}::timestamptz)) OR (${jobRuns.status} = 'running' AND ${jobRuns.updatedAt} < ${staleAfter.toISOString()}::timestamptz))`,
      ),
    )
    .returning();
  return row;
}

/** Appends one finished step; a step that failed for good is stored as its error, as Inngest does. */
export async function saveJobStep(db: Db, id: string, stepId: string, stored: StoredStep): Promise<boolean> {
  const rows = await db
    .update(jobRuns)
    .set({
      steps: sql`${jobRuns.steps} || jsonb_build_object(${stepId}::text, ${JSON.stringify(stored)}::jsonb)`,
      stepOrder: sql`CASE WHEN ${jobRuns.stepOrder} ? ${stepId} THEN ${jobRuns.stepOrder} ELSE ${jobRuns.stepOrder} || to_jsonb(${stepId}::text) END`,
      attempt: 0,
      lastError: null,
    })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running")))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** A failed attempt that will be tried again at `retryAt`. */
export async function scheduleJobRetry(db: Db, id: string, attempt: number, error: string, retryAt: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "queued", attempt, lastError: error.slice(0, 2000), wakeAt: retryAt })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running")));
}

/**
 * A run its stopping server gives up (the step outlived the graceful stop): queued again at
 * once, so the next wake-up on any server takes it instead of waiting for it to turn stale.
 */
export async function releaseJobRun(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobRuns)
    .set({ status: "queued", wakeAt: now, lastError: "released by a server that stopped during a step" })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running")))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

export async function putJobRunToSleep(db: Db, id: string, sleeps: Record<string, string>, wakeAt: Date): Promise<boolean> {
  const rows = await db
    .update(jobRuns)
    .set({ status: "sleeping", sleeps, wakeAt })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running")))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

export async function recordJobSleeps(db: Db, id: string, sleeps: Record<string, string>): Promise<void> {
  await db.update(jobRuns).set({ sleeps }).where(eq(jobRuns.id, id));
}

export async function finishJobRun(
  db: Db,
  id: string,
  outcome: { status: "completed"; output: unknown } | { status: "failed"; error: string },
  now: Date,
): Promise<void> {
  const values =
    outcome.status === "completed"
      ? { status: outcome.status, output: outcome.output ?? null, lastError: null }
      : { status: outcome.status, lastError: outcome.error.slice(0, 2000) };
  await db
    .update(jobRuns)
    .set({ ...values, wakeAt: null, finishedAt: now })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "running")));
}

export type RunFilter = { kind: "all" } | { kind: "field"; path: string[]; value: unknown } | { kind: "ids"; ids: string[] };

/** Stops runs that have not finished (cancelOn). A step already executing completes; the run goes no further. */
export async function cancelActiveJobRuns(db: Db, functionId: string, filter: RunFilter, byEventId: string, now: Date): Promise<string[]> {
  if (filter.kind === "ids" && filter.ids.length === 0) return [];
  const condition =
    filter.kind === "all"
      ? undefined
      : filter.kind === "ids"
        ? inArray(jobRuns.id, filter.ids)
        : sql`(${jobRuns.event} #>> ${`{${filter.path.join(",")}}`}::text[]) = ${String(filter.value)}`;
  const rows = await db
    .update(jobRuns)
    .set({ status: "cancelled", cancelledBy: byEventId, wakeAt: null, finishedAt: now })
    // An event never cancels the runs it starts itself.
    .where(and(eq(jobRuns.functionId, functionId), inArray(jobRuns.status, [...ACTIVE]), sql`(${jobRuns.event} ->> 'id') <> ${byEventId}`, condition))
    .returning({ id: jobRuns.id });
  return rows.map((row) => row.id);
}

/** Unfinished runs of one function, for cancel conditions that cannot be turned into a query. */
export function listActiveJobRuns(db: Db, functionId: string) {
  return db
    .select({ id: jobRuns.id, event: jobRuns.event })
    .from(jobRuns)
    .where(and(eq(jobRuns.functionId, functionId), inArray(jobRuns.status, [...ACTIVE])));
}

/** A failed run starts again from its last successful step: the step that failed for good is tried afresh. */
export async function requeueFailedJobRun(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(jobRuns)
    .set({
      status: "queued",
      attempt: 0,
      wakeAt: null,
      finishedAt: null,
      steps: sql`COALESCE((SELECT jsonb_object_agg(key, value) FROM jsonb_each(${jobRuns.steps}) WHERE NOT value ? 'error'), '{}'::jsonb)`,
      stepOrder: sql`COALESCE((SELECT jsonb_agg(step) FROM jsonb_array_elements_text(${jobRuns.stepOrder}) AS step WHERE NOT (${jobRuns.steps} -> step) ? 'error'), '[]'::jsonb)`,
    })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "failed")))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** Runs that should be under way but have no live wake-up (lost with a crashed server or a dropped job). */
export async function listOverdueJobRuns(db: Db, dueBefore: Date, staleBefore: Date, limit = 100) {
  return db
    .select({ id: jobRuns.id, wakeAt: jobRuns.wakeAt, updatedAt: jobRuns.updatedAt })
    .from(jobRuns)
    .where(
      sql`((${jobRuns.status} IN ('queued', 'sleeping') AND COALESCE(${jobRuns.wakeAt}, ${jobRuns.updatedAt}) < ${dueBefore.toISOString()}::timestamptz) OR (${jobRuns.status} = 'running' AND ${jobRuns.updatedAt} < ${staleBefore.toISOString()}::timestamptz))`,
    )
    .orderBy(asc(jobRuns.updatedAt))
    .limit(limit);
}

export interface JobRunSummary {
  queued: number;
  running: number;
  sleeping: number;
  failed: number;
  oldestQueuedAt: Date | null;
}

export async function getJobRunSummary(db: Db, now: Date): Promise<JobRunSummary> {
  const [row] = await db
    .select({
      queued: sql<number>`count(*) FILTER (WHERE ${jobRuns.status} = 'queued' AND (${jobRuns.wakeAt} IS NULL OR ${jobRuns.wakeAt} <= ${now.toISOString()}::timestamptz))::int`,
      running: sql<number>`count(*) FILTER (WHERE ${jobRuns.status} = 'running')::int`,
      sleeping: sql<number>`count(*) FILTER (WHERE ${jobRuns.status} = 'sleeping')::int`,
      failed: sql<number>`count(*) FILTER (WHERE ${jobRuns.status} = 'failed')::int`,
      oldest: sql<
        string | null
      >`min(${jobRuns.createdAt}) FILTER (WHERE ${jobRuns.status} = 'queued' AND (${jobRuns.wakeAt} IS NULL OR ${jobRuns.wakeAt} <= ${now.toISOString()}::timestamptz))`,
    })
    .from(jobRuns)
    .where(inArray(jobRuns.status, [...ACTIVE, "failed"]));
  return {
    queued: row?.queued ?? 0,
    running: row?.running ?? 0,
    sleeping: row?.sleeping ?? 0,
    failed: row?.failed ?? 0,
    oldestQueuedAt: row?.oldest ? new Date(row.oldest) : null,
  };
}

export function listSleepingJobRuns(db: Db, limit = 20) {
  return db
    .select({ id: jobRuns.id, functionId: jobRuns.functionId, eventName: jobRuns.eventName, wakeAt: jobRuns.wakeAt, createdAt: jobRuns.createdAt })
    .from(jobRuns)
    .where(and(eq(jobRuns.status, "sleeping"), isNotNull(jobRuns.wakeAt)))
    .orderBy(asc(jobRuns.wakeAt))
    .limit(limit);
}

export function listFailedJobRuns(db: Db, limit = 20) {
  return db
    .select({
      id: jobRuns.id,
      functionId: jobRuns.functionId,
      eventName: jobRuns.eventName,
      lastError: jobRuns.lastError,
      finishedAt: jobRuns.finishedAt,
      attempt: jobRuns.attempt,
    })
    .from(jobRuns)
    .where(eq(jobRuns.status, "failed"))
    .orderBy(desc(jobRuns.finishedAt))
    .limit(limit);
}

/** How many runs are in each status (every status present, zero when none): the metrics' job runs. */
export async function countJobRunsByStatus(db: Db): Promise<Record<(typeof jobRunStatus.enumValues)[number], number>> {
  const rows = await db
    .select({ status: jobRuns.status, count: sql<number>`count(*)::int` })
    .from(jobRuns)
    .groupBy(jobRuns.status);
  const counts = Object.fromEntries(jobRunStatus.enumValues.map((status) => [status, 0])) as Record<(typeof jobRunStatus.enumValues)[number], number>;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}
