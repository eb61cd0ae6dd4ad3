import { performance } from "node:perf_hooks";

/**
 * Background work gives way to requests. The local runner shares its Node
 * process (and the database) with the pages and actions; while the event loop
 * is busy serving them, a worker waits before taking its next job, up to
 * `maxWaitMs`, so a burst of bookings is not slowed by the emails it causes.
 * The work is delayed, never dropped; under sustained load the backlog shows
 * on /admin/outbox (and the dashboard warns after five minutes).
 */
export interface RequestYield {
  /** Resolves once the process is quiet enough, or `maxWaitMs` has passed; answers the time waited. */
  wait: () => Promise<number>;
  stop: () => void;
}

export function yieldToRequests(options: { busyAbove?: number; sampleMs?: number; maxWaitMs?: number } = {}): RequestYield {
  const busyAbove = options.busyAbove ?? 0.9;
  const sampleMs = options.sampleMs ?? 100;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  let last = performance.eventLoopUtilization();
  let utilization = 0;
  const sampler = setInterval(() => {
    const now = performance.eventLoopUtilization();
    utilization = performance.eventLoopUtilization(now, last).utilization;
    last = now;
  }, sampleMs);
  sampler.unref();
  return {
    wait: async () => {
      const started = Date.now();
      while (utilization > busyAbove && Date.now() - started < maxWaitMs) await new Promise((resolve) => setTimeout(resolve, sampleMs));
      return Date.now() - started;
    },
    // Once stopped nothing samples the loop any more: a stopping runner's workers must not wait on the
    // last busy sample (up to maxWaitMs, past the runner's graceful stop), so they go at once.
    stop: () => {
      clearInterval(sampler);
      utilization = 0;
    },
  };
}

// One per server process, shared by the runner's workers and the after-response delivery.
const holder = globalThis as unknown as { __careslotRequestYield?: RequestYield };

export function appRequestYield(): RequestYield {
  holder.__careslotRequestYield ??= yieldToRequests();
  return holder.__careslotRequestYield;
}
