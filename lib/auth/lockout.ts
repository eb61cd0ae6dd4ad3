// The sign-in brute-force rule, pure so it can be tested at its edges. Its
// state is a sign_in_throttle row, whose type stands with that table's queries.
import type { ThrottleState } from "@/db/queries/sign-in-throttle";

export type { ThrottleState };

export const LOCKOUT_MAX_FAILURES = 3;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_DURATION_MS = 60_000;

export type LockoutCheck = { locked: false } | { locked: true; retryAfterSeconds: number };

export function checkLockout(state: ThrottleState | null, now: Date): LockoutCheck {
  if (!state?.lockedUntil || state.lockedUntil <= now) return { locked: false };
  return { locked: true, retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) };
}

/** The state after one more failed attempt. A lock that ran out, or an old window, starts afresh. */
export function recordFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const windowOver = !state || now.getTime() - state.windowStartedAt.getTime() >= LOCKOUT_WINDOW_MS;
  const lockServed = state?.lockedUntil != null && state.lockedUntil <= now;
  const failures = windowOver || lockServed ? 1 : state.failures + 1;
  const windowStartedAt = windowOver || lockServed ? now : state.windowStartedAt;
  const lockedUntil = failures >= LOCKOUT_MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_DURATION_MS) : null;
  return { failures, windowStartedAt, lockedUntil };
}

export type AttemptReservation = { allowed: true; state: ThrottleState } | { allowed: false; retryAfterSeconds: number };

/**
 * Takes one password check's place before the password is verified. While
 * locked it is refused and not counted; otherwise it is counted as a failure
 * up front (a right password then clears the count). Applied one at a time
 * under the email's row lock, so of any burst of parallel attempts at most
 * LOCKOUT_MAX_FAILURES reach the password hash: the one that fills the count
 * sets the lock for all that come after it.
 */
export function reserveAttempt(state: ThrottleState | null, now: Date): AttemptReservation {
  const lock = checkLockout(state, now);
  if (lock.locked) return { allowed: false, retryAfterSeconds: lock.retryAfterSeconds };
  return { allowed: true, state: recordFailure(state, now) };
}

/**
 * Gives back the place reserveAttempt took, for a right password that is not
 * yet a sign-in (a second step follows): the failures before it stay counted,
 * so a right password between wrong authentication codes does not wipe them.
 */
export function refundAttempt(state: ThrottleState | null): ThrottleState | null {
  if (!state || state.failures <= 0) return state;
  const failures = state.failures - 1;
  return { ...state, failures, lockedUntil: failures >= LOCKOUT_MAX_FAILURES ? state.lockedUntil : null };
}

export function lockoutMessage(retryAfterSeconds: number, what = "failed sign-in attempts"): string {
  const unit = retryAfterSeconds === 1 ? "second" : "seconds";
  return `Too many ${what}. Please wait ${retryAfterSeconds} ${unit} before trying again.`;
}
