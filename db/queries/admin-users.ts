import "server-only";
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { doctorProfiles, patientProfiles, sessions, users, type Role } from "../schema";

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
      .select({ id: users.id, fullName: users.fullName, email: users.email, role: users.role, active: users.active, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt })
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
      createdAt: users.createdAt,
      openSessions: sql<number>`(select count(*) from ${sessions} where ${sessions.userId} = ${users.id} and ${sessions.revokedAt} is null and ${sessions.expiresAt} > now())`.mapWith(Number),
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
    .select({ id: users.id, email: users.email, fullName: users.fullName, role: users.role, active: users.active })
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
