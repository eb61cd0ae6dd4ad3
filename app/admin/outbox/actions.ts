"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { auditAdmin, requireActiveAdmin } from "@/lib/admin/actor";
import { userWithRole } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { AppError, failure, type ActionResult } from "@/lib/errors";
import { jobRunnerFor } from "@/lib/jobs/engine";
import { retryFailedJobRun } from "@/lib/jobs/retry";
import { requestLogger } from "@/lib/logger";
import { deliverOutbox } from "@/lib/outbox";
import { runService } from "@/lib/actions";

export type RetryState = ActionResult | null;

const runnerName = () => (jobRunnerFor(env()) === "inngest" ? "Inngest" : "the local job runner");

/**
 * "Retry now": one delivery attempt while the admin waits, instead of the next
 * sweep. The delivery is shared with the sweep, so the admin's audit row is
 * written here; it names no single row, the whole pending outbox was retried.
 */
export async function retryOutboxAction(): Promise<RetryState> {
  const user = await userWithRole("admin");
  if (!user) return failure("Only admins can retry the outbox. Please sign in again.");
  const db = getDb();
  try {
    const admin = await requireActiveAdmin(db, user);
    const report = await deliverOutbox(db);
    await auditAdmin(db, admin, { action: "outbox.retried", entityType: "outbox", entityId: "pending", after: { sent: report.sent, failed: report.failed, error: report.error ?? null } });
    revalidatePath("/admin/outbox");
    if (report.error) return failure(`${capitalised(runnerName())} could not be reached, so ${report.failed} ${report.failed === 1 ? "event stays" : "events stay"} pending: ${report.error}`);
    return { ok: true, message: report.sent === 0 ? "Nothing was waiting: the outbox is empty." : `Delivered ${report.sent} ${report.sent === 1 ? "event" : "events"} to ${runnerName()}.` };
  } catch (error) {
    if (error instanceof AppError) return failure(error.message);
    (await requestLogger()).error({ err: error }, "outbox retry failed");
    return failure("The outbox could not be read. Nothing was sent; please try again.");
  }
}

/** "Retry now" on one failed run of the local runner. */
export async function retryJobRunAction(_state: RetryState, formData: FormData): Promise<RetryState> {
  const user = await userWithRole("admin");
  if (!user) return failure("Only admins can retry background jobs. Please sign in again.");
  const result = await runService(() => retryFailedJobRun(getDb(), user, { runId: formData.get("runId") }));
  if (!result.ok) return result;
  revalidatePath("/admin/outbox");
  return { ok: true, message: "The run was queued again and starts from its last successful step." };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
