import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { fitSessionCookie, hasSessionCookie } from "./session-cookie";
import { forbidden, redirect } from "next/navigation";
import { securityEvent } from "@/lib/logger";
import type { Role } from "@/lib/vocabulary";
import { auth } from "./index";

export interface CurrentUser {
  id: string;
  role: Role;
  name: string;
  email: string;
  emailVerified: boolean;
}

/**
 * The signed-in user, read once per render: the root layout's header and the page both ask, and each
 * auth() call reads the session row (revocation, idle timeout). React's cache shares the first answer
 * within one request; actions and route handlers (no render) read it afresh each call.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  if (!hasSessionCookie((await headers()).get("cookie"))) return null;
  const session = await auth();
  if (!session?.user?.id) return null;
  // Auth.js may have refreshed the cookie (in an action or a route): keep it ending with the browser, or with its session.
  await fitSessionCookie();
  const { id, role, name, email, emailVerified } = session.user;
  return { id, role, name: name ?? email ?? "", email: email ?? "", emailVerified };
});

/** The path being rendered, as forwarded by proxy.ts, for the login return path. */
async function requestedPath(): Promise<string> {
  return (await headers()).get("x-careslot-path") ?? "/";
}

/** For pages: signed out → /login with a return path; wrong role → 403. */
export async function requireRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(await requestedPath())}`);
  if (!roles.includes(user.role)) {
    securityEvent("permission_refused", { userId: user.id, role: user.role, required: roles, path: await requestedPath() });
    forbidden();
  }
  return user;
}

/** For server actions and route handlers: never redirects, the caller turns null into its own answer. */
export async function userWithRole(...roles: Role[]): Promise<CurrentUser | null> {
  const user = await currentUser();
  if (!user) return null;
  if (!roles.includes(user.role)) {
    securityEvent("permission_refused", { userId: user.id, role: user.role, required: roles });
    return null;
  }
  return user;
}

export function portalPath(role: Role): string {
  return `/${role}`;
}

/** Only same-site relative paths may be a return target. */
export function safeReturnPath(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return undefined;
  return next;
}
