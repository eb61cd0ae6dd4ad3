// A real signed-in request for tests that call route handlers or server actions
// directly: the Auth.js JWT cookie, naming a session row that Auth.js checks
// against the database on every request, as in production.
import { encode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { createSession } from "@/db/queries/users";
import type { Actor } from "@/lib/vocabulary";

/** The Cookie header of a fresh one-hour session; `role` is what the JWT claims, the database has the last word. */
export async function sessionCookieFor(db: Db, user: Actor): Promise<string> {
  const sid = await createSession(db, user.id, new Date(Date.now() + 3_600_000));
  const token = await encode({ token: { sub: user.id, sid, role: user.role }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
  return `authjs.session-token=${token}`;
}

/** The headers Next.js passes a route handler behind `next start` on http://localhost:3000. */
export function requestHeaders(cookie?: string): Record<string, string> {
  return { host: "localhost:3000", "x-forwarded-proto": "http", ...(cookie ? { cookie } : {}) };
}
