"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions";
import { auditAdmin, requireActiveAdmin } from "@/lib/admin/actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { jobRunnerFor } from "@/lib/jobs/engine";
import { retryFailedJobRun, retryJobRunSchema } from "@/lib/admin/jobs";
import { deliverOutbox } from "@/lib/outbox";

const runnerName = () => (jobRunnerFor(env()) === "inngest" ? "Inngest" : "the local job runner");
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * "Retry now": one delivery attempt while the admin waits, instead of the next
 * sweep. The delivery is shared with the sweep, so the admin's audit row is
 * written here; it names no single row, the whole pending outbox was retried.
 */
export const retryOutboxAction = action({
  access: ["admin"],
  schema: z.object({}),
  run: async (_input, { user, db }) => {
    const admin = await requireActiveAdmin(db, user);
    const report = await deliverOutbox(db);
    await auditAdmin(db, admin, {
      action: "outbox.retried",
      entityType: "outbox",
      entityId: "pending",
      after: { sent: report.sent, failed: report.failed, error: report.error ?? null },
    });
    revalidatePath("/admin/outbox");
    if (report.error)
      throw new AppError(
        "unavailable",
        `${capitalised(runnerName())} could not be reached, so ${report.failed} ${report.failed === 1 ? "event stays" : "events stay"} pending: ${report.error}`,
      );
    return report.sent === 0
      ? "Nothing was waiting: the outbox is empty."
      : `Delivered ${report.sent} ${report.sent === 1 ? "event" : "events"} to ${runnerName()}.`;
  },
});

/** "Retry now" on one failed run of the local runner. */
export const retryJobRunAction = action({
  access: ["admin"],
  schema: retryJobRunSchema,
  run: async (input, { user, db }) => {
    await retryFailedJobRun(db, user, input);
    revalidatePath("/admin/outbox");
    return "The run was queued again and starts from its last successful step.";
  },
});
