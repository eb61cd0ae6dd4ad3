import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appSettings, patientProfiles, doctorProfiles, sessions, users, type Role } from "../schema";

export function findUserByEmail(db: Db, email: string) {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = lower(${email})` });
}

export function getUserById(db: Db, id: string) {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

export async function insertUserWithProfile(
  db: Db,
  input: { email: string; fullName: string; passwordHash: string; role: Role; timeZone?: string },
) {
  const [user] = await db
    .insert(users)
    .values({ email: input.email, fullName: input.fullName, passwordHash: input.passwordHash, role: input.role })
    .returning();
  if (input.role === "patient") await db.insert(patientProfiles).values({ userId: user.id, timeZone: input.timeZone ?? "UTC" });
  if (input.role === "doctor") await db.insert(doctorProfiles).values({ userId: user.id, timeZone: input.timeZone ?? "UTC" });
  return user;
}

export async function markEmailVerified(db: Db, userId: string, at: Date) {
  await db.update(users).set({ emailVerifiedAt: at }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function createSession(db: Db, userId: string, expiresAt: Date) {
  const [session] = await db.insert(sessions).values({ userId, expiresAt }).returning({ id: sessions.id });
  return session.id;
}

/** The session with the user it belongs to, for the per-request validity check. */
export async function getSessionWithUser(db: Db, sessionId: string) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      role: users.role,
      fullName: users.fullName,
      email: users.email,
      active: users.active,
      emailVerifiedAt: users.emailVerifiedAt,
      // The admin-set idle timeout, read with the session so the check costs no extra query.
      sessionIdleMinutes: appSettings.sessionIdleMinutes,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(appSettings, eq(appSettings.id, 1))
    .where(eq(sessions.id, sessionId));
  return row;
}

export async function touchSession(db: Db, sessionId: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: Db, sessionId: string, at: Date) {
  await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeAllSessionsOfUser(db: Db, userId: string, at: Date) {
  await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
