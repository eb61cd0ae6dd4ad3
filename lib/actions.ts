import "server-only";
import { after } from "next/server";
import { AppError, failure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { deliverOutboxQuietly } from "@/lib/outbox";

/** Runs a service call for an action: refusals become the form's message, anything else is logged and hidden. */
export async function runService<T extends object>(work: () => Promise<T>): Promise<ActionResult<T> & { code?: string }> {
  try {
    const result = await work();
    deliverOutboxAfterResponse();
    return { ok: true, ...result };
  } catch (error) {
    if (error instanceof AppError) return { ...failure(error.message, error.fieldErrors), code: error.code };
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "action failed");
    return failure("Something went wrong on our side and nothing was changed. Please try again.");
  }
}

/**
 * A change that wrote outbox events (and any left pending before it) is sent
 * to Inngest once the response has gone: the user never waits for the job
 * runner, and an unreachable one only leaves the rows pending for the sweep.
 */
function deliverOutboxAfterResponse(): void {
  try {
    after(deliverOutboxQuietly);
  } catch {
    // Outside a request (a script, a test) there is no "after": the sweep delivers instead.
  }
}
