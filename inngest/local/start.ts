import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { jobRunnerFor } from "@/lib/jobs/engine";
import { appJobQueue } from "@/lib/jobs/queue";
import { appRequestYield } from "@/lib/jobs/yield-to-requests";
import { logger } from "@/lib/logger";
import { functions } from "../index";
import { startLocalRunner, type LocalRunner } from "./runner";

const holder = globalThis as unknown as { __careslotLocalRunner?: Promise<LocalRunner> };

/**
 * Called once when a server starts: names the job runner in the log and,
 * with no Inngest configured, starts the local one in this process.
 */
export async function startConfiguredJobRunner(): Promise<LocalRunner | undefined> {
  const config = env();
  if (jobRunnerFor(config) === "inngest") {
    const where = config.INNGEST_BASE_URL ?? (config.INNGEST_DEV ? "the Inngest dev server" : "Inngest Cloud");
    logger.info({ component: "jobs", runner: "inngest", where }, `background jobs: Inngest (${where}); events are sent from the outbox`);
    return undefined;
  }
  holder.__careslotLocalRunner ??= (async () => {
    const runner = await startLocalRunner({ boss: await appJobQueue(), db: getDb(), functions, requestYield: appRequestYield() });
    logger.info(
      { component: "jobs", runner: "local", functions: functions.length },
      "background jobs: local runner in this server, on PostgreSQL (no Inngest configured)",
    );
    // Stopped on SIGTERM/SIGINT by the graceful shutdown (lib/lifecycle/shutdown.ts, wired in instrumentation.ts).
    return runner;
  })();
  try {
    return await holder.__careslotLocalRunner;
  } catch (error) {
    holder.__careslotLocalRunner = undefined;
    // Never stop the site for this: events wait in the outbox, and the admin's outbox page says so.
    logger.error({ component: "jobs", err: error }, "the local job runner could not start; events wait in the outbox");
    return undefined;
  }
}
