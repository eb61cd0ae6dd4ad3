import { env } from "@/lib/env";
import { problemBody, problemResponse } from "./problem";

// CORS for /api/v1: only the origins in API_CORS_ORIGINS (none by default).
// The API takes no cookie, so an allowed origin gains no ambient authority.

const ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
const EXPOSED_HEADERS = "Location, Retry-After, RateLimit, RateLimit-Policy, Idempotent-Replayed";
const METHODS = "GET, POST, PATCH, PUT, DELETE, OPTIONS";

export function allowedOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  return env().API_CORS_ORIGINS.includes(origin) ? origin : null;
}

/** Adds the CORS answer for an allowed origin to a response. */
export function withCors(request: Request, response: Response): Response {
  const origin = allowedOrigin(request);
  response.headers.append("Vary", "Origin");
  if (origin) {
    response.headers.set("Access-Control-Allow-Origin", origin);
    response.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  }
  return response;
}

/** The OPTIONS handler of every /api/v1 route: a preflight from an allowed origin is answered, any other refused. */
export async function preflight(request: Request): Promise<Response> {
  const origin = allowedOrigin(request);
  if (!origin) {
    const refused = problemResponse(problemBody("forbidden", "This origin may not call the Careslot API from a browser."));
    refused.headers.set("Vary", "Origin");
    return refused;
  }
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": METHODS,
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    },
  });
}
