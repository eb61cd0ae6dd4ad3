import pino from "pino";

// JSON, one line per event. LOG_LEVEL is read here directly (it is also in the
// validated schema) so CLI scripts can log without a full app environment. Never log passwords, tokens or health data: the
// redact list is a safety net, not a licence.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "careslot" },
  redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "cookie"], censor: "[redacted]" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** Failed sign-ins, lockouts and permission refusals, in one greppable shape. */
export function securityEvent(event: string, fields: Record<string, unknown> = {}): void {
  logger.warn({ security: true, event, ...fields }, event);
}
