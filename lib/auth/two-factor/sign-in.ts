import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import type { Db } from "@/db/client";
import { getAppSettings } from "@/db/queries/settings";
import {
  consumeChallenge,
  findLiveChallenge,
  hasConfirmedTwoFactor,
  insertChallenge,
  markChallengePassed,
  type TwoFactorChallenge,
} from "@/db/queries/two-factor";
import { getUserById } from "@/db/queries/users";
import { env } from "@/lib/env";
import type { Role } from "@/lib/vocabulary";
import { beginTwoFactorSetup, checkSecondFactorAttempt, type SecondFactorCheck } from "./service";

// The second step of sign-in. A right password of an account with 2FA (or of
// a role that must have it) issues no session: it opens a challenge, a row
// bound to the user whose random token the browser holds in a short-lived
// httpOnly cookie, and sends the browser to /login/two-factor (or to its
// set-up). Only a right code for that challenge (lib/auth/index.ts) makes
// the session, once: the challenge is deleted as the session is created.

export const CHALLENGE_COOKIE = "careslot.two-factor";
export const CHALLENGE_TTL_MS = 10 * 60_000;

export type SecondStep = "verify" | "enrol";

/** Where each step is asked. */
export const secondStepPath: Record<SecondStep, string> = { verify: "/login/two-factor", enrol: "/login/two-factor/setup" };

/** The step Auth.js's refusal of a right password asks for ("two_factor:verify"), if it is one. */
export function secondStepOf(error: unknown): SecondStep | null {
  if (!(error instanceof CredentialsSignin)) return null;
  const code = error.code ?? "";
  return code === "two_factor:verify" ? "verify" : code === "two_factor:enrol" ? "enrol" : null;
}

/** The roles the admin setting "Require two-factor authentication for" names. */
export async function rolesRequiringTwoFactor(db: Db): Promise<Role[]> {
  const settings = await getAppSettings(db);
  return [...(settings.requireTwoFactorAdmins ? (["admin"] as const) : []), ...(settings.requireTwoFactorDoctors ? (["doctor"] as const) : [])];
}

/** What a user whose password was right must still do: give a code, set 2FA up (their role requires it), or nothing. */
export async function secondStepFor(db: Db, user: { id: string; role: Role }): Promise<SecondStep | null> {
  if (await hasConfirmedTwoFactor(db, user.id)) return "verify";
  if ((await rolesRequiringTwoFactor(db)).includes(user.role)) return "enrol";
  return null;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Opens the challenge and hands its token to the browser; replaces any earlier one of the user. */
export async function openChallenge(
  db: Db,
  input: { userId: string; purpose: SecondStep; remembered: boolean; next: string | null },
  now: Date,
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  // Set-up at sign-in starts here, so the page that shows the QR code only reads.
  if (input.purpose === "enrol") await beginTwoFactorSetup(db, input.userId);
  await insertChallenge(db, { ...input, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) });
  (await cookies()).set(CHALLENGE_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env().APP_URL.startsWith("https:"),
    maxAge: CHALLENGE_TTL_MS / 1000,
  });
}

export async function challengeToken(): Promise<string | null> {
  return (await cookies()).get(CHALLENGE_COOKIE)?.value ?? null;
}

export async function clearChallengeCookie(): Promise<void> {
  try {
    (await cookies()).delete(CHALLENGE_COOKIE);
  } catch {
    // While rendering a page cookies cannot be written; the cookie runs out by itself.
  }
}

export type LiveChallenge = TwoFactorChallenge & { user: { id: string; email: string; role: Role; fullName: string } };

/** The browser's challenge, while it is live and its user may still sign in. */
export async function findChallenge(db: Db, token: string | null, now: Date): Promise<LiveChallenge | null> {
  if (!token || token.length > 200) return null;
  const challenge = await findLiveChallenge(db, hashToken(token), now);
  if (!challenge) return null;
  const user = await getUserById(db, challenge.userId);
  if (!user || !user.active || user.deletedAt) return null;
  return { ...challenge, user: { id: user.id, email: user.email, role: user.role, fullName: user.fullName } };
}

export type SecondStepResult = { ok: true; challenge: LiveChallenge } | { ok: false; reason: "expired" } | Exclude<SecondFactorCheck, { ok: true }>;

/**
 * The check before the session is made: a live challenge, and either its
 * enrolment already confirmed (passed) or a right code for a confirmed
 * authenticator. The challenge is consumed here, so one challenge makes one
 * session even when two requests race with right codes.
 */
export async function passSecondStep(db: Db, token: string, code: string | undefined, now: Date): Promise<SecondStepResult> {
  const challenge = await findChallenge(db, token, now);
  if (!challenge) return { ok: false, reason: "expired" };
  if (!challenge.passedAt) {
    if (challenge.purpose !== "verify" || !code) return { ok: false, reason: "invalid" };
    const check = await checkSecondFactorAttempt(db, challenge.user, code, now);
    if (!check.ok) return check;
  }
  if (!(await consumeChallenge(db, challenge.id))) return { ok: false, reason: "expired" };
  return { ok: true, challenge };
}

/** An enrolment at sign-in was confirmed: the next step ("Continue") needs no code. */
export function passChallenge(db: Db, challenge: LiveChallenge, now: Date): Promise<void> {
  return markChallengePassed(db, challenge.id, now);
}
