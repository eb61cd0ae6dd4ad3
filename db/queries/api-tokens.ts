import "server-only";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../client";
import { apiIdempotencyKeys, apiRefreshTokens, personalAccessTokens, sessions, users } from "../schema";

// The REST API's stored credentials (lib/api/tokens.ts): hashes only.

export async function insertRefreshToken(db: Db, values: { sessionId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.insert(apiRefreshTokens).values(values);
}

/** The refresh token with its family's session, locked: two uses of one token are decided one after the other. */
export async function lockRefreshToken(tx: Db, tokenHash: string) {
  const [row] = await tx
    .select({ id: apiRefreshTokens.id, sessionId: apiRefreshTokens.sessionId, expiresAt: apiRefreshTokens.expiresAt, usedAt: apiRefreshTokens.usedAt })
    .from(apiRefreshTokens)
    .where(eq(apiRefreshTokens.tokenHash, tokenHash))
    .for("update");
  return row;
}

export async function markRefreshTokenUsed(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(apiRefreshTokens).set({ usedAt: at }).where(eq(apiRefreshTokens.id, id));
}

/** The session (token family) a refresh token belongs to, whoever asks: for revocation by the token alone. */
export async function findRefreshTokenSession(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db.select({ sessionId: apiRefreshTokens.sessionId }).from(apiRefreshTokens).where(eq(apiRefreshTokens.tokenHash, tokenHash));
  return row?.sessionId;
}

export async function insertPersonalAccessToken(db: Db, values: typeof personalAccessTokens.$inferInsert) {
  const [row] = await db.insert(personalAccessTokens).values(values).returning({ id: personalAccessTokens.id });
  return row;
}

/** A personal access token with the account it acts for, for the per-request check. */
export async function getPersonalAccessToken(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: personalAccessTokens.id,
      scopes: personalAccessTokens.scopes,
      tokenRole: personalAccessTokens.role,
      expiresAt: personalAccessTokens.expiresAt,
      revokedAt: personalAccessTokens.revokedAt,
      lastUsedAt: personalAccessTokens.lastUsedAt,
      userId: users.id,
      role: users.role,
      fullName: users.fullName,
      email: users.email,
      active: users.active,
      deletedAt: users.deletedAt,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(eq(personalAccessTokens.tokenHash, tokenHash));
  return row;
}

export async function touchPersonalAccessToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(personalAccessTokens).set({ lastUsedAt: at }).where(eq(personalAccessTokens.id, id));
}

/** The account page's list: the user's tokens not revoked and not expired, newest first. */
export function listPersonalAccessTokens(db: Db, userId: string, now: Date) {
  return db
    .select({
      id: personalAccessTokens.id,
      name: personalAccessTokens.name,
      tokenPrefix: personalAccessTokens.tokenPrefix,
      scopes: personalAccessTokens.scopes,
      expiresAt: personalAccessTokens.expiresAt,
      lastUsedAt: personalAccessTokens.lastUsedAt,
      createdAt: personalAccessTokens.createdAt,
    })
    .from(personalAccessTokens)
    .where(
      and(
        eq(personalAccessTokens.userId, userId),
        isNull(personalAccessTokens.revokedAt),
        or(isNull(personalAccessTokens.expiresAt), gt(personalAccessTokens.expiresAt, now)),
      ),
    )
    .orderBy(desc(personalAccessTokens.createdAt));
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export async function revokeOwnPersonalAccessToken(db: Db, userId: string, tokenId: string, at: Date): Promise<boolean> {
  const ended = await db
    .update(personalAccessTokens)
    .set({ revokedAt: at })
    .where(and(eq(personalAccessTokens.id, tokenId), eq(personalAccessTokens.userId, userId), isNull(personalAccessTokens.revokedAt)))
    .returning({ id: personalAccessTokens.id });
  return ended.length > 0;
}

/** With every session of the user (sign out everywhere, deactivation, role change, password reset): their tokens end too. */
export async function revokeAllPersonalAccessTokensOfUser(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .update(personalAccessTokens)
    .set({ revokedAt: at })
    .where(and(eq(personalAccessTokens.userId, userId), isNull(personalAccessTokens.revokedAt)));
}

export async function revokeApiSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * Claims an Idempotency-Key for a request: the row is inserted for the first
 * request, and read back as it is for every later one.
 */
export async function claimIdempotencyKey(db: Db, input: { userId: string; key: string; requestHash: string }) {
  const inserted = await db.insert(apiIdempotencyKeys).values(input).onConflictDoNothing().returning({ key: apiIdempotencyKeys.key });
  if (inserted.length > 0) return { claimed: true as const };
  const [row] = await db
    .select({ requestHash: apiIdempotencyKeys.requestHash, appointmentId: apiIdempotencyKeys.appointmentId })
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.userId, input.userId), eq(apiIdempotencyKeys.key, input.key)));
  return { claimed: false as const, existing: row };
}

export async function completeIdempotencyKey(db: Db, input: { userId: string; key: string; appointmentId: string }): Promise<void> {
  await db
    .update(apiIdempotencyKeys)
    .set({ appointmentId: input.appointmentId })
    .where(and(eq(apiIdempotencyKeys.userId, input.userId), eq(apiIdempotencyKeys.key, input.key)));
}

/** A first request that failed gives its key back, so the client may try again with it. */
export async function releaseIdempotencyKey(db: Db, input: { userId: string; key: string }): Promise<void> {
  await db
    .delete(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.userId, input.userId), eq(apiIdempotencyKeys.key, input.key), isNull(apiIdempotencyKeys.appointmentId)));
}
