import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, users } from "../schema";

export type IdentityProvider = (typeof accounts.$inferSelect)["provider"];

/** The Careslot user a provider's subject is linked to, with what sign-in needs of them. */
export async function findUserByLinkedAccount(db: Db, provider: IdentityProvider, providerAccountId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, fullName: users.fullName, role: users.role, active: users.active, deletedAt: users.deletedAt })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  return row;
}

export async function getLinkedAccount(db: Db, userId: string, provider: IdentityProvider) {
  const [row] = await db
    .select({ id: accounts.id, email: accounts.email, providerAccountId: accounts.providerAccountId, linkedAt: accounts.createdAt })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)));
  return row;
}

/** Links the subject to the user. Unique keys refuse a subject linked elsewhere and a second link of one provider (SQLSTATE 23505). */
export async function insertLinkedAccount(db: Db, link: { userId: string; provider: IdentityProvider; providerAccountId: string; email: string }) {
  await db.insert(accounts).values(link);
}

export async function deleteLinkedAccount(db: Db, userId: string, provider: IdentityProvider): Promise<boolean> {
  const removed = await db
    .delete(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)))
    .returning({ id: accounts.id });
  return removed.length > 0;
}
