import "server-only";
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import type { Db } from "@/db/client";
import { insertRefreshToken, lockRefreshToken, markRefreshTokenUsed, revokeApiSession } from "@/db/queries/api-tokens";
import { createSession, getSessionWithUser } from "@/db/queries/users";
import { sessionRefusal } from "@/lib/auth/session-validity";
import { env } from "@/lib/env";
import { securityEvent } from "@/lib/logger";
import type { Role } from "@/lib/vocabulary";

// API credentials. An API sign-in is a `sessions` row, like a browser's: the
// refresh tokens are its family, and sign-out everywhere, deactivation, role
// changes and password resets (which revoke sessions) end it on its next
// request. Access tokens are short-lived JWTs naming that session, checked
// against it on every request.

const AUDIENCE = "careslot-api";
const ADMIN_REFRESH_HOURS = 24;
export const PAT_PREFIX = "cs_pat_";

export interface TokenPair {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
}

/** A key of its own for API tokens, derived from AUTH_SECRET: a session cookie's key never signs one. */
function signingKey(): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", env().AUTH_SECRET, "careslot", "careslot api access token v1", 32));
}

function issuer(): string {
  return new URL(env().APP_URL).origin;
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

async function accessToken(sessionId: string, userId: string, now: Date): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = env().API_ACCESS_TOKEN_MINUTES * 60;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ sid: sessionId, scope: "read write" })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setSubject(userId)
    .setIssuer(issuer())
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .sign(signingKey());
  return { token, expiresIn };
}

/** The session an access token names, or null for a bad, expired or foreign token. */
export async function verifyAccessToken(token: string, now: Date): Promise<{ sessionId: string; userId: string } | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      issuer: issuer(),
      audience: AUDIENCE,
      algorithms: ["HS256"],
      typ: "at+jwt",
      currentDate: now,
    });
    if (typeof payload.sid !== "string" || typeof payload.sub !== "string") return null;
    return { sessionId: payload.sid, userId: payload.sub };
  } catch {
    return null;
  }
}

function refreshLifetimeMs(role: Role): number {
  const hours = role === "admin" ? Math.min(ADMIN_REFRESH_HOURS, env().REMEMBER_DAYS * 24) : env().REMEMBER_DAYS * 24;
  return hours * 3_600_000;
}

/** A new API sign-in: its session (the token family), the first refresh token and an access token. */
export async function issueTokens(
  db: Db,
  user: { id: string; role: Role },
  client: { userAgent: string | null; clientIp: string },
  now: Date,
): Promise<TokenPair> {
  const expiresAt = new Date(now.getTime() + refreshLifetimeMs(user.role));
  // "Remembered": an API client is not ended by the browser idle timeout; its refresh lifetime bounds it.
  const sessionId = await createSession(db, user.id, expiresAt, { remembered: true, userAgent: client.userAgent ?? "API client", clientIp: client.clientIp });
  const refresh = newSecret();
  await insertRefreshToken(db, { sessionId, tokenHash: tokenHash(refresh), expiresAt });
  const access = await accessToken(sessionId, user.id, now);
  return { access_token: access.token, token_type: "Bearer", expires_in: access.expiresIn, refresh_token: refresh };
}

export type RefreshOutcome = { ok: true; tokens: TokenPair } | { ok: false; reason: "unknown" | "reused" | "expired" | "ended" };

/**
 * Trades a refresh token for a new pair. Each refresh token works once: a
 * second use (a stolen copy, or the real client after the thief) revokes the
 * whole family, so both have to sign in again.
 */
export async function refreshTokens(db: Db, refreshToken: string, now: Date): Promise<RefreshOutcome> {
  const outcome = await db.transaction(
    async (
      tx,
    ): Promise<{ ok: true; sessionId: string; userId: string; refresh: string } | { ok: false; reason: "unknown" | "reused" | "expired" | "ended" }> => {
      const row = await lockRefreshToken(tx, tokenHash(refreshToken));
      if (!row) return { ok: false, reason: "unknown" };
      if (row.usedAt) {
        await revokeApiSession(tx, row.sessionId, now);
        securityEvent("api_refresh_token_reused", { sessionId: row.sessionId });
        return { ok: false, reason: "reused" };
      }
      if (row.expiresAt <= now) return { ok: false, reason: "expired" };
      const session = await getSessionWithUser(tx, row.sessionId);
      if (!session || sessionRefusal(session, now, env().SESSION_IDLE_MINUTES)) return { ok: false, reason: "ended" };
      await markRefreshTokenUsed(tx, row.id, now);
      const refresh = newSecret();
      await insertRefreshToken(tx, { sessionId: row.sessionId, tokenHash: tokenHash(refresh), expiresAt: session.expiresAt });
      return { ok: true, sessionId: row.sessionId, userId: session.userId, refresh };
    },
  );
  if (!outcome.ok) return outcome;
  const access = await accessToken(outcome.sessionId, outcome.userId, now);
  return { ok: true, tokens: { access_token: access.token, token_type: "Bearer", expires_in: access.expiresIn, refresh_token: outcome.refresh } };
}
