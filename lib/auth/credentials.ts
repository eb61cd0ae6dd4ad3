import "server-only";
import type { Db } from "@/db/client";
import { clearThrottle, getThrottle, updateThrottle } from "@/db/queries/sign-in-throttle";
import { findUserByEmail } from "@/db/queries/users";
import { securityEvent } from "@/lib/logger";
import type { Role } from "@/lib/vocabulary";
import { emailKey } from "./accounts";
import { checkLockout, recordFailure } from "./lockout";
import { timingDummyHash, verifyPassword } from "./password";

export type CredentialCheck =
  | { ok: true; user: { id: string; role: Role; fullName: string; email: string } }
  | { ok: false; reason: "invalid" | "inactive" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks an email and password against the lockout rule. Unknown emails are
 * hashed against a dummy and throttled like known ones, so neither the answer
 * nor its timing tells whether an account exists.
 */
export async function verifyCredentials(db: Db, email: string, password: string, now: Date): Promise<CredentialCheck> {
  const key = emailKey(email);
  const lock = checkLockout(await getThrottle(db, key), now);
  if (lock.locked) {
    securityEvent("sign_in_refused_locked", { retryAfterSeconds: lock.retryAfterSeconds });
    return { ok: false, reason: "locked", retryAfterSeconds: lock.retryAfterSeconds };
  }

  const user = await findUserByEmail(db, key);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), password);

  if (!user || !passwordMatches) {
    const state = await updateThrottle(db, key, now, (current) => recordFailure(current, now));
    securityEvent("sign_in_failed", { userId: user?.id, failures: state.failures });
    const after = checkLockout(state, now);
    return after.locked ? { ok: false, reason: "locked", retryAfterSeconds: after.retryAfterSeconds } : { ok: false, reason: "invalid" };
  }
  if (!user.active) {
    securityEvent("sign_in_refused_inactive", { userId: user.id });
    return { ok: false, reason: "inactive" };
  }
  await clearThrottle(db, key);
  return { ok: true, user: { id: user.id, role: user.role, fullName: user.fullName, email: user.email } };
}
