import type { Instrumentation } from "next";

// Runs once when a server starts. The checks live in Node-only modules so the
// edge bundle never sees process.exit or the job queue.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/startup-check");
  const [{ env }, { startSentry }, { observeRequestLatency }] = await Promise.all([
    import("./lib/env"),
    import("./lib/observability/sentry"),
    import("./lib/observability/request-timing"),
  ]);
  await startSentry(env());
  observeRequestLatency();
  const { startConfiguredJobRunner, stopConfiguredJobRunner } = await import("./inngest/local/start");
  const engine = await startConfiguredJobRunner();
  // SIGTERM: not ready, the runner stopped, requests drained, the pools closed (lib/lifecycle/shutdown.ts).
  const [{ onGracefulShutdown }, { closeDatabases }] = await Promise.all([import("./lib/lifecycle/shutdown"), import("./lib/db")]);
  onGracefulShutdown(
    { stopJobRunner: engine === "local" ? stopConfiguredJobRunner : undefined, closeDatabase: closeDatabases },
    { timeoutMs: env().SHUTDOWN_TIMEOUT_SECONDS * 1000 },
  );
}

// Server-side errors go to Sentry when SENTRY_DSN is set (scrubbed of health data first).
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { sentryEnabled } = await import("./lib/observability/sentry");
  if (!sentryEnabled()) return;
  const Sentry = await import("@sentry/nextjs");
  Sentry.captureRequestError(...args);
};
