"use server";

import { revalidatePath } from "next/cache";
import { userWithRole } from "@/lib/auth/guards";
import { failure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { deliverOutbox } from "@/lib/outbox";

export type RetryState = ActionResult | null;

/** "Retry now": one delivery attempt while the admin waits, instead of the next sweep. */
export async function retryOutboxAction(): Promise<RetryState> {
  const admin = await userWithRole("admin");
  if (!admin) return failure("Only admins can retry the outbox. Please sign in again.");
  try {
    const report = await deliverOutbox();
    revalidatePath("/admin/outbox");
    if (report.error) return failure(`Inngest could not be reached, so ${report.failed} ${report.failed === 1 ? "event stays" : "events stay"} pending: ${report.error}`);
    return { ok: true, message: report.sent === 0 ? "Nothing was waiting: the outbox is empty." : `Delivered ${report.sent} ${report.sent === 1 ? "event" : "events"} to Inngest.` };
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "outbox retry failed");
    return failure("The outbox could not be read. Nothing was sent; please try again.");
  }
}
