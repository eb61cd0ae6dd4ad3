import "server-only";
import { createHmac } from "node:crypto";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { deleteExpiredRateLimits } from "@/db/queries/rate-limits";
import { getAppSettings, type AppSettings } from "@/db/queries/settings";
import { rateLimits } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { securityEvent } from "@/lib/logger";

// Request-rate limits, counted in PostgreSQL by rate-limiter-flexible's Drizzle
// store on the app's own database (one atomic INSERT … ON CONFLICT DO UPDATE
// … RETURNING per request), so they hold across restarts and servers. Each is
// a fixed window: the first request starts it, the count resets when it ends.
// The per-account password lockout is a different rule (lib/auth/lockout.ts).

export interface RateLimit {
  /** The limit's name, also its key prefix in rate_limits. */
  name: string;
  points: number;
  durationSeconds: number;
  /** What there were too many of, in the words the form shows. */
  what: string;
}

const HOUR = 3600;

type LimitSettings = Pick<
  AppSettings,
  "accountEmailsPerAddressPerHour" | "accountEmailsPerIpPerHour" | "registrationsPerIpPerHour" | "signInAttemptsPerIpPer15Minutes"
>;

const limit = (name: string, what: string, points: number, durationSeconds: number): RateLimit => ({ name, points, durationSeconds, what });

/** Per signed-in user, fixed: generous for a person, a wall for a script. */
export const perUserLimits = {
  reviews: limit("review:user", "reviews", 10, HOUR),
  reports: limit("report:user", "reports", 10, HOUR),
  bookingAttempts: limit("booking:user", "booking attempts", 30, HOUR),
  phoneCodes: limit("phone-code:user", "codes sent to your phone", 5, HOUR),
};

/** Per email address, fixed: a 6-digit code (one in a million) gets five tries an hour. */
export const emailCodeAttempts = limit("email-code:address", "attempts at the code", 5, HOUR);

const SIGN_INS_FROM_NETWORK = "sign-in attempts from your network";

/** The per-IP and per-address limits, with the counts the admin set (/admin/settings). */
export function rateLimitsFrom(settings: LimitSettings) {
  return {
    signInPerIp: limit("sign-in:ip", SIGN_INS_FROM_NETWORK, settings.signInAttemptsPerIpPer15Minutes, 15 * 60),
    registrationPerIp: limit("register:ip", "new accounts from your network", settings.registrationsPerIpPerHour, HOUR),
    // Reset links, address confirmations and "someone tried to register" notices share one count per address.
    accountEmailPerAddress: limit("account-email:address", "emails to this address", settings.accountEmailsPerAddressPerHour, HOUR),
    accountEmailPerIp: limit("account-email:ip", "email requests from your network", settings.accountEmailsPerIpPerHour, HOUR),
  };
}

export type RateLimits = ReturnType<typeof rateLimitsFrom>;

export async function currentRateLimits(db: Db): Promise<RateLimits> {
  return rateLimitsFrom(await getAppSettings(db));
}

/** An over-limit request: the form shows the message, a route answers 429 with Retry-After. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super("rate_limited", message);
  }
}

/** "in 42 minutes", "in 1 hour", "in 30 seconds": when the window ends, rounded up. */
export function retryAfterText(seconds: number): string {
  const [amount, unit] = seconds < 60 ? [seconds, "second"] : seconds < 2 * HOUR ? [Math.ceil(seconds / 60), "minute"] : [Math.ceil(seconds / HOUR), "hour"];
  return `in ${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

export function rateLimitMessage(what: string, retryAfterSeconds: number): string {
  return `Too many ${what}. Please try again ${retryAfterText(retryAfterSeconds)}.`;
}

/** The sign-in form's refusal by the per-IP limit (Auth.js carries only the seconds back to the form). */
export function signInRateLimitError(retryAfterSeconds: number): RateLimitedError {
  return new RateLimitedError(retryAfterSeconds, rateLimitMessage(SIGN_INS_FROM_NETWORK, retryAfterSeconds));
}

/** Where a key stands in its window after one request: allowed or not, points left, seconds until the window ends. */
export interface RateLimitState {
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
}

/**
 * Counts one request against `limit` for `key` and says where the key stands
 * (the REST API's RateLimit headers). A database failure is thrown, not waved through.
 */
export async function consumeRateLimitState(db: Db, limit: RateLimit, key: string): Promise<RateLimitState> {
  // Built per call: the store holds no state but the database it is given (a test's, a transaction's).
  const limiter = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: limit.name,
    points: limit.points,
    duration: limit.durationSeconds,
    // Expired rows are reused by the next upsert of their key; the outbox sweep deletes the rest.
    clearExpiredByTimeout: false,
  });
  try {
    const result = await limiter.consume(storedKey(key));
    return { allowed: true, remaining: result.remainingPoints, resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    securityEvent("rate_limited", { limit: limit.name, retryAfterSeconds });
    return { allowed: false, remaining: 0, resetSeconds: retryAfterSeconds };
  }
}

/**
 * Counts one request against `limit` for `key` (an IP, an address, a user id).
 * Returns null while within the limit, else the seconds until the window ends.
 */
export async function consumeRateLimit(db: Db, limit: RateLimit, key: string): Promise<number | null> {
  const state = await consumeRateLimitState(db, limit, key);
  return state.allowed ? null : state.resetSeconds;
}

/** Counts one request; over the limit, throws the form's message saying when to try again. */
export async function enforceRateLimit(db: Db, limit: RateLimit, key: string): Promise<void> {
  const retryAfterSeconds = await consumeRateLimit(db, limit, key);
  if (retryAfterSeconds !== null) throw new RateLimitedError(retryAfterSeconds, rateLimitMessage(limit.what, retryAfterSeconds));
}

/** Run by the outbox sweep: counters whose window ended are of no more use. */
export async function dropExpiredRateLimits(db: Db, now: Date): Promise<void> {
  await deleteExpiredRateLimits(db, now);
}

/** Email addresses and IPs are personal data: rate_limits keeps a keyed hash of them. */
function storedKey(key: string): string {
  return createHmac("sha256", env().AUTH_SECRET).update(key).digest("base64url");
}
