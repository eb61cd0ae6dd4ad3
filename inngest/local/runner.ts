// The local runner: the app's Inngest functions run inside the app server on
// its own PostgreSQL, with pg-boss holding the queue. Any number of servers
// may run one on the same database; they share the work.
import type PgBoss from "pg-boss";
import cronParser from "cron-parser";
import type { Db } from "@/db/client";
import { finishJobRun, listOverdueJobRuns, releaseJobRun } from "@/db/queries/job-runs";
import { JOB_QUEUES, cronQueueOptions, ensureQueue, queueRunWakeUps, sendToLocalQueue, startWorker } from "@/lib/jobs/queue";
import { yieldToRequests, type RequestYield } from "@/lib/jobs/yield-to-requests";
import { logger } from "@/lib/logger";
import { deliverPendingOutbox } from "@/lib/outbox/dispatcher";
import { defineFunction, type FunctionDefinition } from "./definitions";
import { driveRun, type DriveOptions } from "./drive-run";
import type { AnyFunction, RunEvent } from "./execute";
import { acceptEvent, newRun, startRuns, type RunnerContext } from "./fan-out";

export interface LocalRunnerOptions {
  boss: PgBoss;
  db: Db;
  functions: AnyFunction[];
  now?: () => Date;
  /** How often idle workers look for due jobs (new work queued by this server wakes them at once). */
  pollSeconds?: number;
  /** How often the outbox is checked for events no request delivered (null: never, the sweep cron still runs). */
  outboxPollMs?: number | null;
  retryBaseMs?: number;
  /** A run left "running" this long (its server died mid-step) is taken over by another wake-up. */
  staleRunMs?: number;
  runWorkers?: number;
  /** Waits while this process is busy serving requests before a job is taken (lib/jobs/yield-to-requests.ts); null: never wait. */
  requestYield?: RequestYield | null;
  /** How long stop() lets the steps in progress finish before releasing them to other servers (at least 1 s). */
  stopTimeoutMs?: number;
}

export interface LocalRunner {
  context: RunnerContext;
  /** Wakes runs a crash left without a wake-up (done every minute on its own). */
  rescueOverdueRuns: () => Promise<number>;
  /** Resolves once this process is not busy serving requests (at once when the runner does not yield). */
  waitForQuiet: () => Promise<unknown>;
  /** Sends pending outbox rows to this runner now. */
  deliverOutbox: () => Promise<unknown>;
  stop: () => Promise<void>;
}

export const cronQueueFor = (functionId: string) => `${JOB_QUEUES.cron}.${functionId}`;

const STALE_RUN_MS = 10 * 60_000;
const OVERDUE_CHECK_MS = 60_000;

export async function startLocalRunner(options: LocalRunnerOptions): Promise<LocalRunner> {
  const { boss, db } = options;
  const now = options.now ?? (() => new Date());
  const definitions = options.functions.map(defineFunction);
  const context: RunnerContext = { db, boss, definitions, now };
  const drive: DriveOptions = { retryBaseMs: options.retryBaseMs ?? 10_000, staleRunMs: options.staleRunMs ?? STALE_RUN_MS };
  const poll = options.pollSeconds ?? 1;

  const ownYield = options.requestYield === undefined ? yieldToRequests() : null;
  const requests = options.requestYield ?? ownYield;
  const whenQuiet = async <T>(work: () => Promise<T>): Promise<T> => {
    await requests?.wait();
    return work();
  };
  await startWorker<RunEvent>(boss, JOB_QUEUES.events, (job) => whenQuiet(() => acceptEvent(context, job.data)), poll);
  // The runs this process is driving right now: what stop() releases if their step outlives it.
  const driving = new Set<string>();
  const driveHeld = async (runId: string, wakeUpId: string) => {
    driving.add(runId);
    try {
      return await driveRun(context, runId, drive, wakeUpId);
    } finally {
      driving.delete(runId);
    }
  };
  for (let i = 0; i < (options.runWorkers ?? 2); i++) {
    await startWorker<{ runId: string }>(boss, JOB_QUEUES.runs, (job) => whenQuiet(() => driveHeld(job.data.runId, job.id)), poll);
  }
  await startWorker<{ runId?: string }>(boss, JOB_QUEUES.dead, (job) => buryJob(context, job), 30);
  for (const definition of definitions) await scheduleCrons(context, definition);

  const send = sendToLocalQueue(boss);
  const deliverOutbox = () => deliverPendingOutbox(db, send);
  const timers = [
    options.outboxPollMs === null ? null : repeat(deliverOutbox, options.outboxPollMs ?? 5_000, "outbox delivery"),
    repeat(() => rescueOverdueRuns(context, drive.staleRunMs), OVERDUE_CHECK_MS, "overdue runs check"),
  ];
  // Whatever a stopped or crashed server left in the outbox goes now, not at the next tick.
  await deliverOutbox().catch((error: unknown) => logger.warn({ component: "jobs", err: error }, "outbox delivery at start failed; retried shortly"));

  return {
    context,
    rescueOverdueRuns: () => rescueOverdueRuns(context, drive.staleRunMs),
    waitForQuiet: async () => requests?.wait(),
    deliverOutbox,
    // Graceful: nothing more is claimed, the steps in progress may finish; past the timeout pg-boss
    // fails their jobs (retried on another server) and each run is queued again, so the retry takes
    // it at once rather than once it looks abandoned (staleRunMs). A step is run at least once.
    stop: async () => {
      for (const timer of timers) if (timer) clearInterval(timer);
      ownYield?.stop();
      await boss.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 10_000 });
      for (const runId of driving) {
        if (await releaseJobRun(db, runId, now()).catch(() => false))
          logger.warn({ component: "jobs", runId }, "job runner stopped during a step: its run was released to the other servers");
      }
    },
  };
}

async function scheduleCrons(context: RunnerContext, definition: FunctionDefinition): Promise<void> {
  if (definition.crons.length === 0) return;
  // pg-boss keeps one schedule per queue: a queue per function; its cron is the function's first.
  const queue = cronQueueFor(definition.id);
  await ensureQueue(context.boss, cronQueueOptions(queue));
  const [expression] = definition.crons;
  await context.boss.schedule(queue, expression, { functionId: definition.id, cron: expression }, { tz: "UTC" });
  await startWorker<{ cron: string }>(context.boss, queue, (job) => fireCronTick(context, definition, job.data.cron, job.createdOn), 5);
}

/**
 * A cron tick becomes a run of the function with Inngest's timer event. Its
 * id names the tick, so two servers firing the same tick make one run.
 */
export async function fireCronTick(context: RunnerContext, definition: FunctionDefinition, expression: string, firedAt: Date): Promise<string[]> {
  const tick = cronParser
    .parseExpression(expression, { currentDate: new Date(firedAt.getTime() + 1_000), tz: "UTC" })
    .prev()
    .toDate();
  const event: RunEvent = {
    id: `cron/${definition.id}/${tick.toISOString()}`,
    name: "inngest/scheduled.timer",
    data: { cron: expression },
    ts: tick.getTime(),
  };
  return startRuns(context, [newRun(definition, event)]);
}

/** A run pg-boss gave up on (its server kept dying on it) is failed with a reason the admin can read. */
async function buryJob(context: RunnerContext, job: PgBoss.JobWithMetadata<{ runId?: string }>): Promise<void> {
  if (!job.data?.runId) {
    logger.error({ component: "jobs", job: job.id }, "a background job failed too often and was dropped");
    return;
  }
  await finishJobRun(context.db, job.data.runId, { status: "failed", error: "The run's server stopped or crashed on it too many times." }, context.now());
}

/** A run past due with no wake-up in the queue (lost to a crash between two writes) is woken again. */
async function rescueOverdueRuns(context: RunnerContext, staleRunMs: number): Promise<number> {
  const now = context.now().getTime();
  const overdue = await listOverdueJobRuns(context.db, new Date(now - Math.min(2 * 60_000, staleRunMs)), new Date(now - staleRunMs));
  if (overdue.length === 0) return 0;
  await queueRunWakeUps(
    context.boss,
    overdue.map((run) => ({ runId: run.id, reason: `rescue/${(run.wakeAt ?? run.updatedAt).toISOString()}` })),
  );
  return overdue.length;
}

function repeat(task: () => Promise<unknown>, everyMs: number, label: string): NodeJS.Timeout {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await task();
    } catch (error) {
      logger.warn({ component: "jobs", err: error }, `${label} failed; tried again shortly`);
    } finally {
      busy = false;
    }
  }, everyMs);
  timer.unref();
  return timer;
}
