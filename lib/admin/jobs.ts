import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { requeueFailedJobRun } from "@/db/queries/job-runs";
import { AppError } from "@/lib/errors";
import { appJobQueue, queueRunWakeUps } from "@/lib/jobs/queue";
import { auditAdmin, requireActiveAdmin, type Actor } from "./actor";

export const retryJobRunSchema = z.object({ runId: z.uuid("That run does not exist.") });

/**
 * "Retry now" on a run that failed for good: it starts again from its last
 * successful step (finished steps are not repeated) on the next free worker.
 */
export async function retryFailedJobRun(db: Db, actor: Actor | null, { runId }: { runId: string }): Promise<{ runId: string }> {
  const admin = await requireActiveAdmin(db, actor);
  if (!(await requeueFailedJobRun(db, runId)))
    throw new AppError("conflict", "That run is not failed any more (or does not exist), so there is nothing to retry.");
  await queueRunWakeUps(await appJobQueue(), [{ runId }]);
  await auditAdmin(db, admin, { action: "job_run.retried", entityType: "job_run", entityId: runId, after: { status: "queued" } });
  return { runId };
}
