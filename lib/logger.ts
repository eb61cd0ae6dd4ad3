import pino, { type Logger } from "pino";

// JSON, one line per event. LOG_LEVEL is read here directly (it is also in the
// validated schema) so CLI scripts can log without a full app environment. Never log passwords, tokens or health data: the
// redact list is a safety net, not a licence.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "careslot" },
  redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "cookie"], censor: "[redacted]" },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Log failures as `{ err }` with the Error itself: this prints its type, message and stack.
  serializers: { err: pino.stdSerializers.err },
});

/**
 * The logger for one request: every line carries the x-request-id that
 * proxy.ts gives each request, so a failure can be followed through its log.
 * For request-time code (route handlers, server actions); outside a request
 * (scripts, jobs, tests, after()) it is the plain logger. next/headers is
 * loaded here, not at the top, so scripts can log without Next.js.
 */
export async function requestLogger(): Promise<Logger> {
  const [{ headers }, { unstable_rethrow }] = await Promise.all([import("next/headers"), import("next/navigation")]);
  try {
    const requestId = (await headers()).get("x-request-id");
    return requestId ? logger.child({ requestId }) : logger;
  } catch (error) {
    unstable_rethrow(error); // Next.js's own signals (a prerender bailing out) go on
    return logger;
  }
}

/** Failed sign-ins, lockouts and permission refusals, in one greppable shape. */
export function securityEvent(event: string, fields: Record<string, unknown> = {}): void {
  logger.warn({ security: true, event, ...fields }, event);
}
