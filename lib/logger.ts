import pino, { type Logger, type LoggerOptions } from "pino";
import { safeErrorMessage, serializeError } from "./logged-error";

// JSON, one line per event. LOG_LEVEL is read here directly (it is also in the
// validated schema) so CLI scripts can log without a full app environment. Never log passwords, tokens or health data: the
// redact list is a safety net, not a licence.
export const loggerOptions: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "careslot" },
  redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "cookie"], censor: "[redacted]" },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Log failures as `{ err }` with the Error itself: this prints its type, message and stack. A
  // database error is summarised instead (its SQLSTATE, constraint and table, never the statement's
  // parameters: lib/logged-error.ts); `error` is read the same way, in case a call names it so.
  serializers: { err: serializeError, error: serializeError },
  hooks: {
    // Given an error and no message, pino makes the error's own message the line's message, a
    // database error's parameters and all: the line gets the same summary as its `err` instead.
    logMethod(args, method) {
      const [first, second] = args as unknown[];
      const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
      if (error instanceof Error && typeof second !== "string")
        return method.apply(this, [first as object, safeErrorMessage(error), ...(args.slice(1) as unknown[])]);
      return method.apply(this, args);
    },
  },
};

export const logger = pino(loggerOptions);

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
