import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { jobRunnerFor, type JobRunnerName } from "@/lib/jobs/engine";
import { appJobQueue, discardAppJobQueue } from "@/lib/jobs/queue";
import { appRequestYield } from "@/lib/jobs/yield-to-requests";
import { logger } from "@/lib/logger";
import { functions } from "../index";
import { startLocalRunner, type LocalRunner } from "./runner";

const holder = globalThis as unknown as {
  __careslotLocalRunner?: Promise<LocalRunner>;
  __careslotRunnerRetry?: { timer?: NodeJS.Timeout; stopped: boolean };
};
const retry = () => (holder.__careslotRunnerRetry ??= { stopped: false });
const RETRY_MAX_MS = 60_000;

/**
 * Called once when a server starts: names the job runner in the log and,
 * with no Inngest configured, starts the local one in this process. If it
 * cannot start (PostgreSQL unreachable, or a deadlock while several servers
 * that start at once create pg-boss's tables and schedules), it tries again
 * with a growing delay (1 s, 2 s… at most a minute) until it runs or the server
 * stops; meanwhile the site works and events wait in the outbox.
 */
export async function startConfiguredJobRunner(): Promise<JobRunnerName> {
  const config = env();
  if (jobRunnerFor(config) === "inngest") {
    const where = config.INNGEST_BASE_URL ?? (config.INNGEST_DEV ? "the Inngest dev server" : "Inngest Cloud");
    logger.info({ component: "jobs", runner: "inngest", where }, `background jobs: Inngest (${where}); events are sent from the outbox`);
    return "inngest";
  }
  if (holder.__careslotLocalRunner) await holder.__careslotLocalRunner.catch(() => undefined);
  else await startWithRetries(1);
  return "local";
}

/** Stops the local runner (graceful shutdown: lib/lifecycle/shutdown.ts), or the retries of one that has not started. */
export async function stopConfiguredJobRunner(): Promise<void> {
  const state = retry();
  state.stopped = true;
  clearTimeout(state.timer);
  const runner = await holder.__careslotLocalRunner?.catch(() => undefined);
  await runner?.stop();
}

async function startWithRetries(attempt: number): Promise<void> {
  holder.__careslotLocalRunner = startOnce();
  try {
    await holder.__careslotLocalRunner;
    logger.info(
      { component: "jobs", runner: "local", functions: functions.length, attempt },
      "background jobs: local runner in this server, on PostgreSQL (no Inngest configured)",
    );
  } catch (error) {
    holder.__careslotLocalRunner = undefined;
    const state = retry();
    const delayMs = Math.min(RETRY_MAX_MS, 1_000 * 2 ** (attempt - 1));
    // Never stop the site for this: events wait in the outbox, and the admin's outbox page says so.
    logger.error(
      { component: "jobs", err: error, attempt, retryInMs: delayMs },
      "the local job runner could not start; events wait in the outbox; trying again",
    );
    if (state.stopped) return;
    state.timer = setTimeout(() => void startWithRetries(attempt + 1), delayMs);
    state.timer.unref();
  }
}

/** One attempt; a failed one leaves nothing running (its queue connection is closed, its workers gone). */
async function startOnce(): Promise<LocalRunner> {
  const boss = await appJobQueue();
  try {
    return await startLocalRunner({ boss, db: getDb(), functions, requestYield: appRequestYield() });
  } catch (error) {
    await discardAppJobQueue();
    throw error;
  }
}
