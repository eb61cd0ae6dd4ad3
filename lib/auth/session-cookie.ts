import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";

// Auth.js gives its session cookie one fixed lifetime (the longest session:
// REMEMBER_DAYS), renewed each time it writes the cookie. The cookie is made
// to say what the session behind it is, each time Auth.js writes it (at
// sign-in, and when it refreshes it during an action or a route):
//   - without "Keep me signed in": no Expires, it ends when the browser does;
//   - with it: it ends when the server-side session does (REMEMBER_DAYS after
//     sign-in, an admin's after a day at most: lib/auth/session-start.ts),
//     not REMEMBER_DAYS after the last action.
// What the session is comes from the cookie itself (the JWT Auth.js just
// sealed: `remembered` and `endsAt`, lib/auth/index.ts).

const SESSION_COOKIE = /^((?:__Secure-)?authjs\.session-token)(?:\.(\d+))?$/;

/**
 * Whether a request's Cookie header carries an Auth.js session cookie (or a chunk of one). Without one
 * auth() can only answer "nobody", after running Auth.js's whole session handler (a CSRF token made and
 * thrown away included): the public pages' visitors skip it.
 */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((pair) => SESSION_COOKIE.test(pair.split("=", 1)[0]!.trim()));
}

interface SessionCookie {
  /** The cookie's name without a chunk suffix: also the JWT's salt. */
  name: string;
  parts: { name: string; value: string }[];
}

/** The session cookie(s) in the store, grouped by name, chunks (name.0, name.1…) in order. */
function sessionCookies(all: { name: string; value: string }[]): SessionCookie[] {
  const byName = new Map<string, { name: string; value: string; index: number }[]>();
  for (const cookie of all) {
    const match = SESSION_COOKIE.exec(cookie.name);
    if (!match) continue;
    const list = byName.get(match[1]!) ?? [];
    list.push({ ...cookie, index: match[2] === undefined ? -1 : Number(match[2]) });
    byName.set(match[1]!, list);
  }
  return [...byName].map(([name, parts]) => ({ name, parts: parts.sort((a, b) => a.index - b.index) }));
}

/** When the cookie should end: undefined for "with the browser", else the session's own end. */
async function cookieEnd(cookie: SessionCookie): Promise<Date | undefined> {
  const token = await decode({ token: cookie.parts.map((part) => part.value).join(""), secret: env().AUTH_SECRET, salt: cookie.name }).catch(() => null);
  if (!token?.remembered || typeof token.endsAt !== "number") return undefined;
  return new Date(token.endsAt * 1000);
}

async function rewrite(scope: "written here" | "any"): Promise<void> {
  const store = await cookies();
  const sent = (await headers()).get("cookie") ?? "";
  for (const cookie of sessionCookies(store.getAll())) {
    // Only a cookie Auth.js wrote in this response (not the one the browser sent) needs it, unless asked for any.
    if (scope === "written here" && cookie.parts.every((part) => sent.includes(`${part.name}=${part.value}`))) continue;
    const expires = await cookieEnd(cookie);
    for (const part of cookie.parts) {
      store.set(part.name, part.value, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: cookie.name.startsWith("__Secure-"),
        ...(expires ? { expires } : {}),
      });
    }
  }
}

/** Fits the session cookie(s) this response writes to their session. Outside actions and routes (rendering) it does nothing. */
export async function fitSessionCookie(): Promise<void> {
  try {
    await rewrite("written here");
  } catch {
    // Rendering a page (cookies cannot be written, and Auth.js did not write one either), or no request at all.
  }
}

/**
 * The same for a sign-in that ended on Auth.js's own callback route (Google), where nothing of ours
 * could touch the response: the next request (/login/google/finish) writes the cookie the browser
 * just received back to it, fitted.
 */
export async function fitReceivedSessionCookie(): Promise<void> {
  await rewrite("any");
}
