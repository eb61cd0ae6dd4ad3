import "server-only";
import type { Db } from "@/db/client";
import { createSession } from "@/db/queries/users";
import type { Env } from "@/lib/env-schema";
import type { Role } from "@/lib/vocabulary";

/** Admins handle everyone's data: "Keep me signed in" keeps them for a day at most. */
const ADMIN_REMEMBER_HOURS = 24;

/** When a new session ends: SESSION_MAX_HOURS, or REMEMBER_DAYS when the user chose "Keep me signed in". */
export function sessionEnd(now: Date, role: Role, remembered: boolean, config: Pick<Env, "SESSION_MAX_HOURS" | "REMEMBER_DAYS">): Date {
  const hours = !remembered
    ? config.SESSION_MAX_HOURS
    : role === "admin"
      ? Math.min(config.REMEMBER_DAYS * 24, ADMIN_REMEMBER_HOURS)
      : config.REMEMBER_DAYS * 24;
  return new Date(now.getTime() + hours * 3600_000);
}

/** How the user proved who they are first. */
export type PrimaryFactor = "password" | "google";

export interface SignInDetails {
  factor: PrimaryFactor;
  remembered: boolean;
  userAgent: string | null;
  clientIp: string | null;
}

/** What Auth.js puts in the session cookie (the `user` its jwt callback reads). */
export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  sessionId: string;
  remembered: boolean;
}

/**
 * THE place where a sign-in continues once its first factor has named an
 * active user: a password (the credentials provider), Google (directly, or
 * after the password that links it). Today it starts the server-side session
 * with the same lifetime rules for every factor. A second factor (TOTP) goes
 * here: instead of a session it would answer "code needed", and each caller
 * sends the browser to the code step (see README → Sign in with Google).
 */
export async function continueAfterPrimaryFactor(
  db: Db,
  user: { id: string; role: Role; fullName: string; email: string },
  details: SignInDetails,
  now: Date,
  config: Pick<Env, "SESSION_MAX_HOURS" | "REMEMBER_DAYS">,
): Promise<SignedInUser> {
  const sessionId = await createSession(db, user.id, sessionEnd(now, user.role, details.remembered, config), {
    remembered: details.remembered,
    userAgent: details.userAgent,
    clientIp: details.clientIp,
  });
  return { id: user.id, name: user.fullName, email: user.email, role: user.role, sessionId, remembered: details.remembered };
}
