import type { Env } from "@/lib/env-schema";
import { scrubSentryEvent } from "./sentry-scrub";

// Error reports to Sentry, only when SENTRY_DSN is set: without it the SDK is never
// loaded nor started, so tests and development make no network calls. Server-side errors
// (route handlers, server actions, pages) are captured through instrumentation.ts's
// onRequestError; nothing is sent from browsers.
const holder = globalThis as unknown as { __careslotSentry?: boolean };

export function sentryEnabled(): boolean {
  return holder.__careslotSentry === true;
}

/** `transport` only for tests: where the SDK hands its envelopes instead of Sentry's servers. */
export async function startSentry(
  config: Env,
  options: { transport?: NonNullable<Parameters<typeof import("@sentry/nextjs").init>[0]>["transport"] } = {},
): Promise<void> {
  if (!config.SENTRY_DSN || holder.__careslotSentry) return;
  const Sentry = await import("@sentry/nextjs");
  Sentry.init({
    dsn: config.SENTRY_DSN,
    ...(options.transport ? { transport: options.transport } : {}),
    environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV,
    // The SDK's own collection off where it can hold health data; scrubSentryEvent is the guarantee.
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    // Never the values of a failing function's local variables (scrubSentryEvent drops them too).
    includeLocalVariables: false,
    // Errors only: no performance tracing (its spans carry URLs and timings of patients' visits).
    tracesSampleRate: 0,
    beforeSend: scrubSentryEvent,
    beforeSendTransaction: scrubSentryEvent,
    beforeBreadcrumb: (crumb) => (crumb.category === "console" ? null : crumb),
  });
  holder.__careslotSentry = true;
}
