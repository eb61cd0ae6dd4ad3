import "server-only";
import PgBoss from "pg-boss";
import { v5 as uuidv5 } from "uuid";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { OutboxEventMessage, SendEvents } from "./engine";

/**
 * The local runner's queue: pg-boss on the app's own PostgreSQL (its tables
 * in the `pgboss` schema). It claims jobs with SKIP LOCKED, keeps delayed
 * jobs (sleeps, retries) across restarts, retries a job whose server died,
 * drops a job whose id it has seen (a re-delivered event) and fires each cron
 * tick once however many servers share the database.
 */
export const JOB_QUEUES = {
  /** Domain events from the outbox, one job per event id; fanned out to the functions they trigger. */
  events: "careslot-events",
  /** Wake-ups of function runs (start, after a sleep, a retry). */
  runs: "careslot-runs",
  /** Prefix of the cron queues: one per function with a cron trigger (cronQueueOptions). */
  cron: "careslot-cron",
  /** Jobs pg-boss gave up on (a server crashing on them again and again). */
  dead: "careslot-dead",
} as const;

const QUEUE_OPTIONS: Record<string, PgBoss.Queue> = {
  [JOB_QUEUES.dead]: { name: JOB_QUEUES.dead, retryLimit: 0 },
  // A crashed server's job is taken again after its expiry; our own retries (step failures) are new jobs.
  [JOB_QUEUES.events]: { name: JOB_QUEUES.events, retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, deadLetter: JOB_QUEUES.dead },
  [JOB_QUEUES.runs]: { name: JOB_QUEUES.runs, retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 600, deadLetter: JOB_QUEUES.dead },
};

/** Each cron function has a queue of its own (pg-boss keeps one schedule per queue), named from JOB_QUEUES.cron. */
export const cronQueueOptions = (name: string): PgBoss.Queue => ({
  name,
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 120,
  deadLetter: JOB_QUEUES.dead,
});

/** Creates a queue if it is missing; two servers starting together may both try, and the second one's error is harmless. */
export async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  await boss.createQueue(queue.name, queue).catch(async (error: unknown) => {
    if (!(await boss.getQueue(queue.name))) throw error;
  });
}

export async function startJobQueue(url: string, options: { schedule?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    max: 4,
    application_name: "careslot-jobs",
    schedule: options.schedule ?? true,
    // Cron ticks are checked twice a minute; pg-boss's own default waits up to a minute more.
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: 5,
  });
  boss.on("error", (error) => logger.error({ component: "jobs", err: error }, "job queue error"));
  await boss.start();
  try {
    for (const queue of Object.values(QUEUE_OPTIONS)) await ensureQueue(boss, queue);
  } catch (error) {
    // Several servers starting at once may deadlock creating the queues: close this one, the caller tries again.
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
  return boss;
}

/** Hands outbox events to the local runner: one job per event, its id the outbox id, so a re-send is dropped. */
export function sendToLocalQueue(boss: PgBoss): SendEvents {
  return async (events: OutboxEventMessage[]) => {
    await boss.insert(events.map((event) => ({ name: JOB_QUEUES.events, id: event.id, data: event })));
    wakeWorkers(boss, JOB_QUEUES.events);
  };
}

const workersOf = new WeakMap<PgBoss, Map<string, string[]>>();

/**
 * Starts a worker on a queue and remembers it, so work queued by this process
 * wakes it at once. pg-boss waits a polling interval after every job; a worker
 * that just found one looks again at once instead, so a backlog drains at the
 * speed of the work, and an idle worker costs a query per interval.
 */
export async function startWorker<T extends object>(
  boss: PgBoss,
  queue: string,
  handler: (job: PgBoss.JobWithMetadata<T>) => Promise<unknown>,
  pollingIntervalSeconds: number,
): Promise<string> {
  const id: string = await boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds, includeMetadata: true }, async ([job]) => {
    try {
      return await handler(job);
    } finally {
      boss.notifyWorker(id);
    }
  });
  const byQueue = workersOf.get(boss) ?? new Map<string, string[]>();
  byQueue.set(queue, [...(byQueue.get(queue) ?? []), id]);
  workersOf.set(boss, byQueue);
  return id;
}

const WAKE_UP_NAMESPACE = "0f8e4a1c-6b9d-4f3e-8c2a-7d5b9e1f4a60";

export interface RunWakeUp {
  runId: string;
  /** Names the wake-up (its job id follows from it), so queueing it twice queues it once; none: always a new one. */
  reason?: string;
  /** When it is due; now when absent. */
  at?: Date;
}

/** The one way a function run is woken: a job on the runs queue, and this server's idle workers told when it is due now. */
export async function queueRunWakeUps(boss: PgBoss, wakeUps: RunWakeUp[], now = new Date()): Promise<void> {
  if (wakeUps.length === 0) return;
  await boss.insert(
    wakeUps.map(({ runId, reason, at }) => ({
      name: JOB_QUEUES.runs,
      data: { runId },
      ...(reason ? { id: uuidv5(`${runId}/${reason}`, WAKE_UP_NAMESPACE) } : {}),
      ...(at ? { startAfter: at.toISOString() } : {}),
    })),
  );
  if (wakeUps.some(({ at }) => !at || at.getTime() <= now.getTime())) wakeWorkers(boss, JOB_QUEUES.runs);
}

/** Workers poll; those of this process waiting on the queue are told at once. */
export function wakeWorkers(boss: PgBoss, queue: string): void {
  for (const id of workersOf.get(boss)?.get(queue) ?? []) boss.notifyWorker(id);
}

// One queue per server process (kept on globalThis: Next bundles the instrumentation hook and the routes apart).
const holder = globalThis as unknown as { __careslotJobQueue?: Promise<PgBoss> };

/** Stops and forgets the app's queue after a failed start, so the next appJobQueue() opens a fresh one. */
export async function discardAppJobQueue(): Promise<void> {
  const boss = await holder.__careslotJobQueue?.catch(() => undefined);
  holder.__careslotJobQueue = undefined;
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
}

export function appJobQueue(): Promise<PgBoss> {
  holder.__careslotJobQueue ??= startJobQueue(env().DATABASE_URL).catch((error: unknown) => {
    holder.__careslotJobQueue = undefined;
    throw error;
  });
  return holder.__careslotJobQueue;
}
