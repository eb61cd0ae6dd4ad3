import "server-only";
import type { Db } from "@/db/client";
import { createSession } from "@/db/queries/users";
import type { Env } from "@/lib/env-schema";
import type { Role } from "@/lib/vocabulary";
import { openChallenge, secondStepFor, type SecondStep } from "./two-factor/sign-in";

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
  /** Where the browser goes once signed in, kept across a second step. */
  next?: string | null;
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
  /** When the session ends, in seconds since the epoch. */
  endsAt: number;
}

/** The server-side session behind the cookie, with the same lifetime rules for every factor. */
export async function startSession(
  db: Db,
  user: { id: string; role: Role; fullName: string; email: string },
  details: Omit<SignInDetails, "next">,
  now: Date,
  config: Pick<Env, "SESSION_MAX_HOURS" | "REMEMBER_DAYS">,
): Promise<SignedInUser> {
  const endsAt = sessionEnd(now, user.role, details.remembered, config);
  const sessionId = await createSession(db, user.id, endsAt, {
    remembered: details.remembered,
    userAgent: details.userAgent,
    clientIp: details.clientIp,
  });
  return {
    id: user.id,
    name: user.fullName,
    email: user.email,
    role: user.role,
    sessionId,
    remembered: details.remembered,
    endsAt: Math.floor(endsAt.getTime() / 1000),
  };
}

/**
 * THE place where a sign-in continues once its first factor has named an
 * active user: a password (the credentials provider), Google (directly, or
 * after the password that links it). An account with two-factor
 * authentication on, or of a role that must have it, gets no session here: a
 * challenge is opened (lib/auth/two-factor/sign-in.ts) and the caller sends
 * the browser to the code step (or its set-up), which makes the session.
 * Everyone else gets the session at once.
 */
export async function continueAfterPrimaryFactor(
  db: Db,
  user: { id: string; role: Role; fullName: string; email: string },
  details: SignInDetails,
  now: Date,
  config: Pick<Env, "SESSION_MAX_HOURS" | "REMEMBER_DAYS">,
): Promise<SignedInUser | { secondStep: SecondStep }> {
  const step = await secondStepFor(db, user);
  if (step) {
    await openChallenge(db, { userId: user.id, purpose: step, remembered: details.remembered, next: details.next ?? null }, now);
    return { secondStep: step };
  }
  return startSession(db, user, details, now, config);
}
