import "server-only";
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { personalAccessTokens, sessions, twoFactorChallenges, twoFactorCredentials, twoFactorRecoveryCodes, users, type Role } from "../schema";

// TOTP authenticators, recovery codes and half-done sign-ins (lib/auth/two-factor).

export type TwoFactorCredential = typeof twoFactorCredentials.$inferSelect;
export type TwoFactorChallenge = typeof twoFactorChallenges.$inferSelect;

export async function getTwoFactorCredential(db: Db, userId: string): Promise<TwoFactorCredential | undefined> {
  const [row] = await db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId));
  return row;
}

/** Starts a set-up: a new unconfirmed secret, unless one is being set up already (then that one is kept and returned). A confirmed one is never replaced. */
export async function insertPendingCredential(db: Db, userId: string, secret: string): Promise<TwoFactorCredential | undefined> {
  await db.insert(twoFactorCredentials).values({ userId, secret }).onConflictDoNothing();
  return getTwoFactorCredential(db, userId);
}

/** Confirms the secret being set up; false when there was none (or it was confirmed meanwhile). */
export async function confirmCredential(db: Db, userId: string, step: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(twoFactorCredentials)
    .set({ confirmedAt: at, lastUsedStep: step })
    .where(and(eq(twoFactorCredentials.userId, userId), isNull(twoFactorCredentials.confirmedAt)))
    .returning({ userId: twoFactorCredentials.userId });
  return rows.length === 1;
}

/**
 * Takes one 30-second step for a confirmed authenticator: true only for the first
 * code of a step newer than every step used before, whatever runs in parallel
 * (the row's update is the check).
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(twoFactorCredentials)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(twoFactorCredentials.userId, userId),
        isNotNull(twoFactorCredentials.confirmedAt),
        or(isNull(twoFactorCredentials.lastUsedStep), lt(twoFactorCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ userId: twoFactorCredentials.userId });
  return rows.length === 1;
}

export async function deleteCredential(db: Db, userId: string): Promise<boolean> {
  const rows = await db.delete(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId)).returning({ userId: twoFactorCredentials.userId });
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  return rows.length === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]): Promise<void> {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await db.insert(twoFactorRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses one recovery code: true only the first time, even for parallel attempts. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), eq(twoFactorRecoveryCodes.codeHash, codeHash), isNull(twoFactorRecoveryCodes.usedAt)))
    .returning({ id: twoFactorRecoveryCodes.id });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  return db.$count(twoFactorRecoveryCodes, and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
}

export async function insertChallenge(
  db: Db,
  values: { tokenHash: string; userId: string; purpose: "verify" | "enrol"; remembered: boolean; next: string | null; expiresAt: Date },
): Promise<void> {
  // One half-done sign-in per user at a time: a new password step replaces the old one.
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, values.userId));
  await db.insert(twoFactorChallenges).values(values);
}

export async function findLiveChallenge(db: Db, tokenHash: string, now: Date): Promise<TwoFactorChallenge | undefined> {
  const [row] = await db
    .select()
    .from(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.tokenHash, tokenHash), gt(twoFactorChallenges.expiresAt, now)));
  return row;
}

export async function markChallengePassed(db: Db, id: string, at: Date): Promise<void> {
  await db.update(twoFactorChallenges).set({ passedAt: at }).where(eq(twoFactorChallenges.id, id));
}

/** Ends a challenge; true only for the one caller that ended it (a session is made once). */
export async function consumeChallenge(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.id, id)).returning({ id: twoFactorChallenges.id });
  return rows.length === 1;
}

export async function deleteChallengesOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.userId, userId));
}

/** Whether the user signs in with a second step: a confirmed authenticator. */
export async function hasConfirmedTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(twoFactorCredentials)
    .where(and(eq(twoFactorCredentials.userId, userId), isNotNull(twoFactorCredentials.confirmedAt)));
  return row !== undefined;
}

/**
 * Ends the open sessions (browser and API sign-ins alike) and the personal
 * access tokens of every user of `roles` without a confirmed authenticator (a
 * requirement just turned on): their next sign-in sends them to set-up, and no
 * token made before keeps them in without it. Returns how many sessions ended.
 */
export async function revokeSessionsWithoutTwoFactor(db: Db, roles: Role[], at: Date): Promise<number> {
  if (roles.length === 0) return 0;
  const withoutTwoFactor = (userId: typeof sessions.userId | typeof personalAccessTokens.userId) => sql`${userId} in (
    select ${users.id} from ${users}
    where ${users.role} in ${roles}
      and not exists (select 1 from ${twoFactorCredentials} where ${twoFactorCredentials.userId} = ${users.id} and ${twoFactorCredentials.confirmedAt} is not null)
  )`;
  await db
    .update(personalAccessTokens)
    .set({ revokedAt: at })
    .where(and(isNull(personalAccessTokens.revokedAt), withoutTwoFactor(personalAccessTokens.userId)));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(isNull(sessions.revokedAt), withoutTwoFactor(sessions.userId)))
    .returning({ id: sessions.id });
  return rows.length;
}
