import "server-only";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The server-side session id (sessions.id) of the request, read from the
 * Auth.js cookie. `auth()` exposes only the user; changing a password must
 * keep THIS session and end the others, so the id is read here. Auth.js names
 * (and salts) the cookie differently on https, hence both are tried.
 */
export async function currentSessionId(): Promise<string | null> {
  const requestHeaders = await headers();
  const secret = env().AUTH_SECRET;
  const httpsFirst = env().APP_URL.startsWith("https://");
  for (const secureCookie of [httpsFirst, !httpsFirst]) {
    const token = await getToken({ req: { headers: requestHeaders }, secret, secureCookie });
    if (typeof token?.sid === "string") return token.sid;
  }
  return null;
}
