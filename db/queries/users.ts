import "server-only";
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { appSettings, doctorProfiles, patientProfiles, sessions, users, type Role } from "../schema";
import { revokeAllPersonalAccessTokensOfUser } from "./api-tokens";

export function findUserByEmail(db: Db, email: string) {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = lower(${email})` });
}

export function getUserById(db: Db, id: string) {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

/** Where a new account says it is (registration's optional "Where are you?"). */
export interface NewAccountPlace {
  countryCode: string | null;
  regionCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

export async function insertUserWithProfile(
  db: Db,
  input: { email: string; fullName: string; passwordHash: string | null; role: Role; timeZone?: string; place?: NewAccountPlace },
) {
  const [user] = await db
    .insert(users)
    .values({ email: input.email, fullName: input.fullName, passwordHash: input.passwordHash, role: input.role })
    .returning();
  const profile = { userId: user.id, timeZone: input.timeZone ?? "UTC", ...input.place };
  if (input.role === "patient") await db.insert(patientProfiles).values(profile);
  if (input.role === "doctor") await db.insert(doctorProfiles).values(profile);
  return user;
}

export async function markEmailVerified(db: Db, userId: string, at: Date) {
  await db
    .update(users)
    .set({ emailVerifiedAt: at })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function updateUserFullName(tx: Db, userId: string, fullName: string) {
  await tx.update(users).set({ fullName }).where(eq(users.id, userId));
}

export interface SessionDetails {
  remembered?: boolean;
  userAgent?: string | null;
  clientIp?: string | null;
}

export async function createSession(db: Db, userId: string, expiresAt: Date, details: SessionDetails = {}) {
  const [session] = await db
    .insert(sessions)
    .values({
      userId,
      expiresAt,
      remembered: details.remembered ?? false,
      userAgent: details.userAgent?.slice(0, 512) ?? null,
      clientIp: details.clientIp ?? null,
    })
    .returning({ id: sessions.id });
  return session.id;
}

/** A user's sessions still in force (not revoked, not past their lifetime), most recently used first. */
export function listActiveSessions(db: Db, userId: string, now: Date) {
  return db
    .select({
      id: sessions.id,
      signedInAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      remembered: sessions.remembered,
      userAgent: sessions.userAgent,
      clientIp: sessions.clientIp,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one of the user's own sessions; false when it is not theirs or already ended. */
export async function revokeOwnSession(db: Db, userId: string, sessionId: string, at: Date): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** The session with the user it belongs to, for the per-request validity check. */
export async function getSessionWithUser(db: Db, sessionId: string) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      remembered: sessions.remembered,
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
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of the user, and their API tokens with them (sign out everywhere, deactivation, role change, reset). */
export async function revokeAllSessionsOfUser(db: Db, userId: string, at: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await revokeAllPersonalAccessTokensOfUser(db, userId, at);
}

/** Ends every session of the user except the one making the request. */
export async function revokeOtherSessions(tx: Db, userId: string, keepSessionId: string | null, at: Date): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length;
}

// ---------------------------------------------------------------- the admin's user management

export interface UserListFilter {
  query?: string;
  role?: Role;
  status?: "active" | "inactive";
  page: number;
  pageSize: number;
}

/** `%` and `_` typed by an admin are literal characters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function userFilter(filter: Omit<UserListFilter, "page" | "pageSize">): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.query) {
    const pattern = likePattern(filter.query);
    conditions.push(or(ilike(users.fullName, pattern), ilike(users.email, pattern))!);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.status) conditions.push(eq(users.active, filter.status === "active"));
  return conditions.length ? and(...conditions) : undefined;
}

/** One page of users (newest first) and the total matching, for the admin list. */
export async function listUsersForAdmin(db: Db, filter: UserListFilter) {
  const where = userFilter(filter);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        fullName: users.fullName,
        email: users.email,
        role: users.role,
        active: users.active,
        emailVerifiedAt: users.emailVerifiedAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(where)
      .orderBy(sql`${users.createdAt} desc`, asc(users.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

export async function getUserForAdmin(db: Db, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      role: users.role,
      active: users.active,
      emailVerifiedAt: users.emailVerifiedAt,
      deletedAt: users.deletedAt,
      createdAt: users.createdAt,
      openSessions:
        sql<number>`(select count(*) from ${sessions} where ${sessions.userId} = ${users.id} and ${sessions.revokedAt} is null and ${sessions.expiresAt} > now())`.mapWith(
          Number,
        ),
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Whether this user is, right now, an active admin: services re-check the acting admin against the table. */
export async function isActiveAdmin(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, "admin"), eq(users.active, true)));
  return Boolean(row);
}

/**
 * Locks every active admin row, in id order (so two callers never deadlock),
 * and returns their ids. Role and activation changes take this lock first:
 * two admins demoting each other at once are serialised, and the second sees
 * the first one's change when it re-reads the rows after waiting.
 */
export async function lockActiveAdmins(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}

/** The target rows of a change, locked, in id order. */
export function lockUsers(db: Db, userIds: string[]) {
  return db
    .select({ id: users.id, email: users.email, fullName: users.fullName, role: users.role, active: users.active, deletedAt: users.deletedAt })
    .from(users)
    .where(inArray(users.id, userIds))
    .orderBy(asc(users.id))
    .for("update");
}

export async function setUsersActive(db: Db, userIds: string[], active: boolean): Promise<void> {
  if (userIds.length === 0) return;
  await db.update(users).set({ active }).where(inArray(users.id, userIds));
}

/** Changes the role and makes sure the profile that role needs exists (a new doctor starts unverified, so not public). */
export async function setUserRole(db: Db, userId: string, role: Role): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, userId));
  if (role === "doctor") await db.insert(doctorProfiles).values({ userId, verificationStatus: "pending" }).onConflictDoNothing();
  if (role === "patient") await db.insert(patientProfiles).values({ userId }).onConflictDoNothing();
}
