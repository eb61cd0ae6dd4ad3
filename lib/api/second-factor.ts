import "server-only";
import type { Db } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import { lockoutMessage } from "@/lib/auth/lockout";
import { checkSecondFactorAttempt } from "@/lib/auth/two-factor/service";
import { secondStepFor } from "@/lib/auth/two-factor/sign-in";
import { RateLimitedError } from "@/lib/security/rate-limits";

// The token endpoint's second factor (POST /api/v1/auth/token, "otp" field):
// the same rule as the sign-in form. An account with two-factor
// authentication on needs a right code (or a recovery code), counted under the
// account's lockout like a password; an account whose role must have it but
// has not set it up gets no token until it has, on the website.

export type SecondFactorCheck = { ok: true } | { ok: false; reason: "otp_required" | "otp_invalid" | "enrolment_required" };

export async function checkApiSecondFactor(db: Db, input: { userId: string; otp: string | undefined }, now: Date): Promise<SecondFactorCheck> {
  const user = await getUserById(db, input.userId);
  if (!user) return { ok: false, reason: "otp_invalid" };
  const step = await secondStepFor(db, user);
  if (!step) return { ok: true };
  if (step === "enrol") return { ok: false, reason: "enrolment_required" };
  if (!input.otp) return { ok: false, reason: "otp_required" };
  const check = await checkSecondFactorAttempt(db, user, input.otp, now);
  if (check.ok) return { ok: true };
  if (check.reason === "locked") throw new RateLimitedError(check.retryAfterSeconds, lockoutMessage(check.retryAfterSeconds));
  return { ok: false, reason: "otp_invalid" };
}
