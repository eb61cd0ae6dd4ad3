import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { authTokens } from "../schema";

type TokenKind = (typeof authTokens.$inferSelect)["kind"];

export async function insertAuthToken(db: Db, input: { userId: string; kind: TokenKind; tokenHash: string; expiresAt: Date }) {
  await db.insert(authTokens).values(input);
}

/** Marks the token used and returns its user, atomically: a link works exactly once. */
export async function consumeAuthToken(db: Db, input: { kind: TokenKind; tokenHash: string; now: Date }) {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: input.now })
    .where(and(eq(authTokens.tokenHash, input.tokenHash), eq(authTokens.kind, input.kind), isNull(authTokens.usedAt), gt(authTokens.expiresAt, input.now)))
    .returning({ userId: authTokens.userId });
  return row?.userId;
}

/** A newer link replaces older ones of the same kind. */
export async function invalidateAuthTokens(db: Db, input: { userId: string; kind: TokenKind; now: Date }) {
  await db
    .update(authTokens)
    .set({ usedAt: input.now })
    .where(and(eq(authTokens.userId, input.userId), eq(authTokens.kind, input.kind), isNull(authTokens.usedAt)));
}
