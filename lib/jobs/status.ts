import "server-only";
import type { Db } from "@/db/client";
import { getJobRunSummary, listFailedJobRuns, listSleepingJobRuns, type JobRunSummary } from "@/db/queries/job-runs";
import { getOutboxSummary, type OutboxSummary } from "@/db/queries/outbox";
import { env } from "@/lib/env";
import { jobRunnerFor, type JobRunnerName } from "./engine";

/** Work older than this without being picked up means the runner is down or overwhelmed: the admin is warned. */
export const BACKLOG_WARNING_MINUTES = 5;

export interface JobRunnerStatus {
  runner: JobRunnerName;
  outbox: OutboxSummary;
  /** The local runner's own runs; with Inngest, its dashboard shows them. */
  runs: JobRunSummary | null;
  /** Events not yet handed over plus runs due and not yet started. */
  queueDepth: number;
  oldestWaitingAt: Date | null;
  backlogWarning: boolean;
}

export async function getJobRunnerStatus(db: Db, now: Date): Promise<JobRunnerStatus> {
  const runner = jobRunnerFor(env());
  const [outbox, runs] = await Promise.all([getOutboxSummary(db), runner === "local" ? getJobRunSummary(db, now) : null]);
  const waiting = [outbox.oldestPendingAt, runs?.oldestQueuedAt ?? null].filter((at): at is Date => at !== null);
  const oldestWaitingAt = waiting.length > 0 ? new Date(Math.min(...waiting.map((at) => at.getTime()))) : null;
  return {
    runner,
    outbox,
    runs,
    queueDepth: outbox.pending + (runs?.queued ?? 0),
    oldestWaitingAt,
    backlogWarning: oldestWaitingAt !== null && now.getTime() - oldestWaitingAt.getTime() > BACKLOG_WARNING_MINUTES * 60_000,
  };
}

export async function listLocalRuns(db: Db) {
  const [sleeping, failed] = await Promise.all([listSleepingJobRuns(db, 20), listFailedJobRuns(db, 20)]);
  return { sleeping, failed };
}
