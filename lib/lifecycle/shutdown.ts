import { logger } from "@/lib/logger";

// Graceful shutdown on SIGTERM/SIGINT (a container stopping, a pod evicted, a deploy).
//
// Next.js's own server (`next start` and the standalone server.js) already handles the
// signal: it closes its listening socket (no new connections), waits for the requests in
// flight and their after() work, then calls process.exit(143). What it cannot know about is
// ours: the local job runner still running a step, and the database pool. So this module
// takes part in that one sequence instead of racing it:
//   1. the moment the signal arrives, /api/health/ready answers 503 (isShuttingDown);
//   2. the job runner is asked to stop at once: it claims nothing more and finishes what
//      it holds (pg-boss's graceful stop), so a step is done or left for another server;
//   3. Next.js drains the requests in flight: a booking commits or, if the hard deadline
//      cuts it, its transaction is rolled back by PostgreSQL when the connection drops —
//      never half-done, it is one transaction;
//   4. Next.js's exit is held until 2 and 3 are over, then the pool is closed and the
//      process exits with Next.js's code. A hard deadline (SHUTDOWN_TIMEOUT_SECONDS, below
//      Kubernetes' terminationGracePeriodSeconds) exits whatever is still pending.
// Holding the exit means replacing process.exit for the shutdown's last moments only: Next.js
// offers no hook after its drain (NEXT_MANUAL_SIG_HANDLE would drop the drain itself).

export interface ShutdownSteps {
  /** Stops the local job runner (absent when Inngest runs the jobs). */
  stopJobRunner?: () => Promise<void>;
  /** Closes the database pools; called last. */
  closeDatabase: () => Promise<void>;
}

interface ShutdownState {
  shuttingDown: boolean;
  installed: boolean;
  steps: ShutdownSteps[];
}

const holder = globalThis as unknown as { __careslotShutdown?: ShutdownState };
const state = (): ShutdownState => (holder.__careslotShutdown ??= { shuttingDown: false, installed: false, steps: [] });

/** True from the moment SIGTERM/SIGINT arrived: the readiness check answers 503. */
export function isShuttingDown(): boolean {
  return state().shuttingDown;
}

/** Adds this server's steps (the job runner, the pools) to the shutdown sequence, installing the signal handlers once. */
export function onGracefulShutdown(steps: ShutdownSteps, options: { timeoutMs: number }): void {
  const current = state();
  current.steps.push(steps);
  if (current.installed) return;
  current.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // Before Next.js's own listener, so readiness turns at once and the exit is held in time.
    process.prependListener(signal, () => void shutDown(signal, options.timeoutMs));
  }
}

async function shutDown(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  const current = state();
  if (current.shuttingDown) return;
  current.shuttingDown = true;
  const started = Date.now();
  const realExit = process.exit.bind(process);
  // Next.js's listener (registered by its server before ours ran) ends in process.exit once its
  // requests are drained. Without one (a custom server set NEXT_MANUAL_SIG_HANDLE), nothing
  // drains here but our own work, and we exit ourselves.
  const nextDrains = process.listenerCount(signal) > 1;
  let requestedCode: number | undefined;
  const drained = new Promise<void>((resolve) => {
    if (!nextDrains) return resolve();
    process.exit = ((code?: number | string | null) => {
      requestedCode = typeof code === "number" ? code : Number(code ?? 0);
      resolve();
    }) as typeof process.exit;
  });
  logger.info({ component: "shutdown", signal }, "shutdown: not ready any more; stopping the job runner and draining requests");
  const deadline = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
  const work = (async () => {
    await Promise.all([
      drained.then(() => logger.info({ component: "shutdown", ms: Date.now() - started }, "shutdown: requests in flight finished")),
      ...current.steps.map(async (steps) => {
        if (!steps.stopJobRunner) return;
        await steps
          .stopJobRunner()
          .catch((error: unknown) => logger.error({ component: "shutdown", err: error }, "shutdown: the job runner did not stop cleanly"));
        logger.info({ component: "shutdown", ms: Date.now() - started }, "shutdown: job runner stopped");
      }),
    ]);
    for (const steps of current.steps) await steps.closeDatabase().catch(() => {});
    logger.info({ component: "shutdown", ms: Date.now() - started }, "shutdown: database pool closed");
  })();
  const outcome = await Promise.race([work.then(() => "done" as const), deadline]);
  if (outcome === "timeout") logger.warn({ component: "shutdown", timeoutMs }, "shutdown: deadline reached; exiting with work still pending");
  realExit(requestedCode ?? (signal === "SIGINT" ? 130 : 143));
}
