import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The Prometheus metrics of one server process, served at /api/metrics (bearer token).
// Counters and the latency histogram are per process, as Prometheus expects: it scrapes
// every pod and sums. The outbox backlog and the job runs are read from PostgreSQL at
// scrape time (app/api/metrics/route.ts), so every server reports the same shared queue.
//
// Kept on globalThis: Next.js loads instrumentation.ts, route handlers and server actions
// as separate bundles, each with its own copy of this module, and they must share one registry.

export interface AppMetrics {
  registry: Registry;
  requestDuration: Histogram<"method" | "route" | "status">;
  bookings: Counter<"outcome">;
  signInFailures: Counter<"reason">;
  pageCache: Counter<"result">;
  outboxPending: Gauge;
  outboxOldestPendingSeconds: Gauge;
  jobRuns: Gauge<"status">;
}

const holder = globalThis as unknown as { __careslotMetrics?: AppMetrics };

export function appMetrics(): AppMetrics {
  if (holder.__careslotMetrics) return holder.__careslotMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "careslot_" });
  const metrics: AppMetrics = {
    registry,
    requestDuration: new Histogram({
      name: "careslot_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by route pattern (ids folded).",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    bookings: new Counter({
      name: "careslot_bookings_total",
      help: "Booking attempts by outcome: booked (confirmed), held (waiting for payment), taken (the slot went to someone else).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "careslot_sign_in_failures_total",
      help: "Failed sign-ins by reason: invalid (wrong email or password), locked (refused by the lockout), inactive.",
      labelNames: ["reason"],
      registers: [registry],
    }),
    pageCache: new Counter({
      name: "careslot_page_cache_total",
      help: "Visitors' page loads the page cache could answer (lib/page-cache): hit (an unchanged page it had), miss (rendered and kept), uncacheable (rendered, not kept).",
      labelNames: ["result"],
      registers: [registry],
    }),
    outboxPending: new Gauge({ name: "careslot_outbox_pending", help: "Events in the outbox not yet handed to the job runner.", registers: [registry] }),
    outboxOldestPendingSeconds: new Gauge({
      name: "careslot_outbox_oldest_pending_seconds",
      help: "Age of the oldest event waiting in the outbox (0 when none waits).",
      registers: [registry],
    }),
    jobRuns: new Gauge({
      name: "careslot_job_runs",
      help: "The local job runner's runs by status (queued, running, sleeping, completed, failed, cancelled).",
      labelNames: ["status"],
      registers: [registry],
    }),
  };
  holder.__careslotMetrics = metrics;
  return metrics;
}

export type BookingOutcome = "booked" | "held" | "taken";
export const countBooking = (outcome: BookingOutcome) => appMetrics().bookings.inc({ outcome });
export const countPageCache = (result: "hit" | "miss" | "uncacheable") => appMetrics().pageCache.inc({ result });
export const countSignInFailure = (reason: "invalid" | "locked" | "inactive") => appMetrics().signInFailures.inc({ reason });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A path as a route label: ids folded into ":id" and the build's hashed files into one
 * label, so the metric keeps a bounded number of series whatever is requested.
 */
export function routeLabel(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0]!.split("#")[0]!;
  if (pathname.startsWith("/_next/static/")) return "/_next/static/*";
  if (pathname.startsWith("/_next/image")) return "/_next/image";
  const folded = pathname
    .replace(UUID, ":id")
    .split("/")
    .map((segment) => (/^\d+$/.test(segment) || segment.length > 40 ? ":id" : segment))
    .join("/");
  // Unknown deep paths (scanners) would still add series: beyond four segments they share one.
  return folded.split("/").length > 5 ? `${folded.split("/").slice(0, 5).join("/")}/*` : folded;
}
