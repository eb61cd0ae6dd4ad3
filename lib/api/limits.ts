import "server-only";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { consumeRateLimitState, type RateLimit } from "@/lib/security/rate-limits";

// The API's request limits, counted in PostgreSQL by the app's one rate
// limiter (lib/security/rate-limits.ts): per IP without a token, per user
// with one, and bookings per user. Answered in the IETF RateLimit headers.

const HOUR = 3600;

export function apiLimits() {
  const config = env();
  return {
    anonymous: {
      name: "api:anonymous",
      what: "requests without a token from your network",
      points: config.API_RATE_LIMIT_ANONYMOUS_PER_HOUR,
      durationSeconds: HOUR,
    },
    user: { name: "api:user", what: "API requests", points: config.API_RATE_LIMIT_USER_PER_HOUR, durationSeconds: HOUR },
    booking: { name: "api:booking", what: "booking requests", points: config.API_RATE_LIMIT_BOOKING_PER_HOUR, durationSeconds: HOUR },
  } satisfies Record<string, RateLimit>;
}

export interface CountedLimit {
  policy: string;
  limit: RateLimit;
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
}

export async function countRequest(db: Db, policy: string, limit: RateLimit, key: string): Promise<CountedLimit> {
  const state = await consumeRateLimitState(db, limit, key);
  return { policy, limit, ...state };
}

/** RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers): every limit the request was counted against. */
export function rateLimitHeaders(counted: CountedLimit[]): Record<string, string> {
  if (counted.length === 0) return {};
  return {
    "RateLimit-Policy": counted.map((c) => `"${c.policy}";q=${c.limit.points};w=${c.limit.durationSeconds}`).join(", "),
    RateLimit: counted.map((c) => `"${c.policy}";r=${c.remaining};t=${c.resetSeconds}`).join(", "),
  };
}
