// The admin user list's filters and paging, on the shared test database: every
// test's users carry one random token in their email, and every query filters
// by it, so rows from files running in parallel never enter the counts.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { users, type Role } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { listUsersForAdmin, type UserListFilter } from "./users";

const db = useTestDb({ max: 3 });

type Spec = { key: string; role: Role; active: boolean; fullName?: string };

const randomToken = (prefix: string) => `${prefix}${randomUUID().replaceAll("-", "").slice(0, 10)}`;

/**
 * Users with the token in their email, created one minute apart in the order
 * given (so the last is the newest). "NAME" in a full name becomes a second
 * token found in no email, for searching by name alone.
 */
async function usersWithToken(specs: Spec[]) {
  const token = randomToken("ulist");
  const nameToken = randomToken("uname");
  const base = Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 1e6) * 3_600_000;
  const ids: Record<string, string> = {};
  for (const [i, spec] of specs.entries()) {
    const [row] = await db
      .insert(users)
      .values({
        email: `${token}-${spec.key}@careslot.test`,
        fullName: (spec.fullName ?? `Person ${spec.key}`).replace("NAME", nameToken),
        passwordHash: "not-a-real-hash",
        role: spec.role,
        active: spec.active,
        createdAt: new Date(base + i * 60_000),
      })
      .returning({ id: users.id });
    ids[spec.key] = row.id;
  }
  return { token, nameToken, ids };
}

const five: Spec[] = [
  { key: "p1", role: "patient", active: true, fullName: "Ada Lovelace NAME" },
  { key: "d1", role: "doctor", active: true },
  { key: "d2", role: "doctor", active: false },
  { key: "a1", role: "admin", active: true },
  { key: "p2", role: "patient", active: false },
];

async function list(filter: Partial<UserListFilter>) {
  const result = await listUsersForAdmin(db, { page: 1, pageSize: 50, ...filter });
  return { ids: result.rows.map((row) => row.id), total: result.total };
}

describe("listUsersForAdmin", () => {
  it("searches email and name, case-insensitively, newest first", async () => {
    const { token, nameToken, ids } = await usersWithToken(five);
    expect(await list({ query: token.toUpperCase() })).toEqual({ ids: [ids.p2, ids.a1, ids.d2, ids.d1, ids.p1], total: 5 });
    expect(await list({ query: `${token}-p1` })).toEqual({ ids: [ids.p1], total: 1 });
    // By name alone: the name token is in no email.
    expect(await list({ query: `lovelace ${nameToken.toUpperCase()}` })).toEqual({ ids: [ids.p1], total: 1 });
  });

  it("treats % and _ typed by the admin as literal characters", async () => {
    const { token } = await usersWithToken(five);
    // As wildcards both would match every email ("<token>-…"); literally, none has them.
    expect(await list({ query: `${token}_` })).toEqual({ ids: [], total: 0 });
    expect(await list({ query: `${token}%p` })).toEqual({ ids: [], total: 0 });
  });

  it("filters by role, by status, and by both", async () => {
    const { token, ids } = await usersWithToken(five);
    expect(await list({ query: token, role: "doctor" })).toEqual({ ids: [ids.d2, ids.d1], total: 2 });
    expect(await list({ query: token, role: "admin" })).toEqual({ ids: [ids.a1], total: 1 });
    expect(await list({ query: token, status: "inactive" })).toEqual({ ids: [ids.p2, ids.d2], total: 2 });
    expect(await list({ query: token, status: "active" })).toEqual({ ids: [ids.a1, ids.d1, ids.p1], total: 3 });
    expect(await list({ query: token, role: "doctor", status: "active" })).toEqual({ ids: [ids.d1], total: 1 });
    expect(await list({ query: token, role: "patient", status: "inactive" })).toEqual({ ids: [ids.p2], total: 1 });
  });

  it("pages through the matches in order, with the full total on every page", async () => {
    const { token, ids } = await usersWithToken(five);
    expect(await list({ query: token, pageSize: 2, page: 1 })).toEqual({ ids: [ids.p2, ids.a1], total: 5 });
    expect(await list({ query: token, pageSize: 2, page: 2 })).toEqual({ ids: [ids.d2, ids.d1], total: 5 });
    expect(await list({ query: token, pageSize: 2, page: 3 })).toEqual({ ids: [ids.p1], total: 5 });
    expect(await list({ query: token, pageSize: 2, page: 4 })).toEqual({ ids: [], total: 5 });
    // Paging applies after the filters.
    expect(await list({ query: token, status: "active", pageSize: 2, page: 2 })).toEqual({ ids: [ids.p1], total: 3 });
  });

  it("returns what the list shows for each user", async () => {
    const { token, ids } = await usersWithToken([{ key: "only", role: "doctor", active: false, fullName: "Dr. Grace Hopper" }]);
    const { rows } = await listUsersForAdmin(db, { query: token, page: 1, pageSize: 10 });
    expect(rows).toEqual([
      expect.objectContaining({ id: ids.only, fullName: "Dr. Grace Hopper", email: `${token}-only@careslot.test`, role: "doctor", active: false }),
    ]);
  });
});
