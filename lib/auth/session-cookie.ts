import "server-only";
import { cookies, headers } from "next/headers";

// Auth.js gives its session cookie one fixed lifetime. A user who did not tick
// "Keep me signed in" gets it back as a browser-session cookie instead (no
// Expires: it ends when the browser does), each time Auth.js writes it: at
// sign-in and when it refreshes the cookie during an action or a route.

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Whether a request's Cookie header carries an Auth.js session cookie (or a chunk of one). Without one
 * auth() can only answer "nobody", after running Auth.js's whole session handler (a CSRF token made and
 * thrown away included): the public pages' visitors skip it.
 */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((pair) => SESSION_COOKIE.test(pair.split("=", 1)[0]!.trim()));
}

/** Rewrites this response's session cookie(s) without an expiry. Outside actions and routes (rendering) it does nothing. */
export async function keepSessionCookieToBrowser(): Promise<void> {
  try {
    const store = await cookies();
    const sent = (await headers()).get("cookie") ?? "";
    for (const cookie of store.getAll()) {
      // Only a cookie Auth.js wrote in this response (not the one the browser sent) needs it.
      if (!SESSION_COOKIE.test(cookie.name) || sent.includes(`${cookie.name}=${cookie.value}`)) continue;
      store.set(cookie.name, cookie.value, { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.name.startsWith("__Secure-") });
    }
  } catch {
    // Rendering a page (cookies cannot be written, and Auth.js did not write one either), or no request at all.
  }
}

/**
 * The same for a sign-in that ended on Auth.js's own callback route (Google), where nothing of ours
 * could touch the response: the next request (/login/google/finish) writes the cookie the browser
 * just received back to it without an expiry.
 */
export async function endSessionCookieWithBrowser(): Promise<void> {
  const store = await cookies();
  for (const cookie of store.getAll()) {
    if (SESSION_COOKIE.test(cookie.name)) {
      store.set(cookie.name, cookie.value, { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.name.startsWith("__Secure-") });
    }
  }
}
