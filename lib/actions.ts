import "server-only";
import { AppError, failure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Runs a service call for an action: refusals become the form's message, anything else is logged and hidden. */
export async function runService<T extends object>(work: () => Promise<T>): Promise<ActionResult<T> & { code?: string }> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof AppError) return { ...failure(error.message, error.fieldErrors), code: error.code };
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "action failed");
    return failure("Something went wrong on our side and nothing was changed. Please try again.");
  }
}
