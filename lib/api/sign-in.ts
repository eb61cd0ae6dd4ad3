import "server-only";
import type { Db } from "@/db/client";
import { findRefreshTokenSession, revokeApiSession } from "@/db/queries/api-tokens";
import { verifyCredentials } from "@/lib/auth/credentials";
import { lockoutMessage } from "@/lib/auth/lockout";
import { AppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/security/client-ip";
import { currentRateLimits, enforceRateLimit, RateLimitedError } from "@/lib/security/rate-limits";
import type { ApiCaller } from "./authenticate";
import { checkApiSecondFactor } from "./second-factor";
import { issueTokens, refreshTokens, tokenHash, type TokenPair } from "./tokens";

// POST /auth/token and /auth/revoke: the same checks as the sign-in form —
// the per-IP sign-in limit, the per-account lockout (counted before the hash
// is verified, so a parallel burst reaches it at most three times), an
// inactive account refused, then the second factor.

export async function passwordGrant(db: Db, input: { email: string; password: string; otp?: string }, request: Request, now: Date): Promise<TokenPair> {
  const clientIp = clientIpFrom(request.headers);
  await enforceRateLimit(db, (await currentRateLimits(db)).signInPerIp, clientIp);
  const result = await verifyCredentials(db, input.email, input.password, now);
  if (!result.ok) {
    if (result.reason === "locked") throw new RateLimitedError(result.retryAfterSeconds, lockoutMessage(result.retryAfterSeconds));
    if (result.reason === "inactive") throw new AppError("unauthenticated", "This account is not active.");
    throw new AppError("unauthenticated", "The email or password is wrong.");
  }
  const second = await checkApiSecondFactor(db, { userId: result.user.id, otp: input.otp }, now);
  if (!second.ok) {
    if (second.reason === "enrolment_required")
      throw new AppError("forbidden", "Your role must use two-factor authentication: set it up on your account page first, then ask for a token.");
    const required = second.reason === "otp_required";
    throw new AppError(
      "unauthenticated",
      required ? "This account uses two-factor authentication: send the 6-digit code as otp." : "That code is wrong or has expired.",
      { otp: [required ? "Enter the 6-digit code." : "That code is wrong or has expired."] },
    );
  }
  return issueTokens(db, result.user, { userAgent: request.headers.get("user-agent"), clientIp }, now);
}

export async function refreshGrant(db: Db, refreshToken: string, now: Date): Promise<TokenPair> {
  const outcome = await refreshTokens(db, refreshToken, now);
  if (outcome.ok) return outcome.tokens;
  throw new AppError(
    "unauthenticated",
    outcome.reason === "reused"
      ? "That refresh token was already used: this sign-in has ended. Sign in again."
      : "The refresh token is invalid or has expired.",
  );
}

/** Ends a refresh token's sign-in, or else the bearer's own (a personal token is revoked on the account page). */
export async function revokeSignIn(db: Db, input: { token?: string; caller: ApiCaller | null }, now: Date): Promise<void> {
  if (input.token) {
    const sessionId = await findRefreshTokenSession(db, tokenHash(input.token));
    if (sessionId) await revokeApiSession(db, sessionId, now);
    return;
  }
  if (!input.caller) throw new AppError("unauthenticated", "Send the refresh token, or the access token to end.");
  if (input.caller.credential.kind === "session") await revokeApiSession(db, input.caller.credential.sessionId, now);
  else throw new AppError("conflict", "Personal access tokens are revoked on your account page.");
}
