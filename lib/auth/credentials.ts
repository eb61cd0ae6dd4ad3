import "server-only";
import type { Db } from "@/db/client";
import { clearThrottle, updateThrottle } from "@/db/queries/sign-in-throttle";
import { findUserByEmail } from "@/db/queries/users";
import { securityEvent } from "@/lib/logger";
import { countSignInFailure } from "@/lib/observability/metrics";
import type { Role } from "@/lib/vocabulary";
import { emailKey } from "./accounts";
import { hasConfirmedTwoFactor } from "@/db/queries/two-factor";
import { checkLockout, refundAttempt, reserveAttempt } from "./lockout";
import { timingDummyHash, verifyPassword } from "./password";

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "invalid"; failures: number }
  // `failures` is the count this attempt filled, or null when it was refused unverified.
  | { ok: false; reason: "locked"; retryAfterSeconds: number; failures: number | null };

/**
 * The one guarded password check, for sign-in and for the current password of
 * change-password: the attempt is reserved under the email's throttle row
 * BEFORE the hash is verified (lib/auth/lockout.ts reserveAttempt), so a burst
 * of parallel guesses reaches the hash at most LOCKOUT_MAX_FAILURES times and
 * a right password sent while locked is refused unverified. A right password
 * clears the count (or, with `secondStepFollows`, only takes its own attempt
 * back: the wrong authentication codes before it stay counted); a wrong one
 * was already counted.
 */
export async function checkPasswordAttempt(
  db: Db,
  input: { emailKey: string; passwordHash: string | null; password: string; secondStepFollows?: boolean },
  now: Date,
): Promise<PasswordCheck> {
  const reservation = await updateThrottle(db, input.emailKey, now, (current) => {
    const decided = reserveAttempt(current, now);
    return { state: decided.allowed ? decided.state : current, result: decided };
  });
  if (!reservation.allowed) return { ok: false, reason: "locked", retryAfterSeconds: reservation.retryAfterSeconds, failures: null };

  // An unknown email is hashed against a dummy, so it takes as long as a known one.
  const matches = await verifyPassword(input.passwordHash ?? (await timingDummyHash()), input.password);
  if (input.passwordHash !== null && matches) {
    if (input.secondStepFollows) await updateThrottle(db, input.emailKey, now, (current) => ({ state: refundAttempt(current), result: null }));
    else await clearThrottle(db, input.emailKey);
    return { ok: true };
  }
  const { failures } = reservation.state;
  const after = checkLockout(reservation.state, now);
  return after.locked ? { ok: false, reason: "locked", retryAfterSeconds: after.retryAfterSeconds, failures } : { ok: false, reason: "invalid", failures };
}

export type CredentialCheck =
  | { ok: true; user: { id: string; role: Role; fullName: string; email: string } }
  | { ok: false; reason: "invalid" | "inactive" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks an email and password against the lockout rule. Unknown emails are
 * hashed against a dummy and throttled like known ones, so neither the answer
 * nor its timing tells whether an account exists. (The per-IP limit is the
 * entry point's: lib/auth/index.ts.)
 */
export async function verifyCredentials(db: Db, email: string, password: string, now: Date): Promise<CredentialCheck> {
  const key = emailKey(email);
  const user = await findUserByEmail(db, key);
  // With 2FA on, the sign-in is not done at the password: the count is cleared by the right code (lib/auth/two-factor/service.ts).
  const secondStepFollows = user ? await hasConfirmedTwoFactor(db, user.id) : false;
  const check = await checkPasswordAttempt(db, { emailKey: key, passwordHash: user?.passwordHash ?? null, password, secondStepFollows }, now);
  if (!check.ok) {
    if (check.failures !== null) securityEvent("sign_in_failed", { userId: user?.id, failures: check.failures });
    countSignInFailure(check.reason);
    if (check.reason === "invalid") return { ok: false, reason: "invalid" };
    if (check.failures === null) securityEvent("sign_in_refused_locked", { retryAfterSeconds: check.retryAfterSeconds });
    return { ok: false, reason: "locked", retryAfterSeconds: check.retryAfterSeconds };
  }
  // A right password means the account exists.
  if (!user || !user.active) {
    securityEvent("sign_in_refused_inactive", { userId: user?.id });
    countSignInFailure("inactive");
    return { ok: false, reason: "inactive" };
  }
  return { ok: true, user: { id: user.id, role: user.role, fullName: user.fullName, email: user.email } };
}
