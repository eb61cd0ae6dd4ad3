// The audit log's filters, order and paging, on the shared test database. Each
// test writes its own rows for two fresh actors and unique entity ids, and
// every query is narrowed by one of those, so other files' rows never count.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { parseAuditFilter, toAuditQuery } from "@/lib/admin/audit";
import { useTestDb } from "@/tests/db";
import { listAuditEntries, type AuditFilter } from "./audit";

const db = useTestDb({ max: 3 });

const T0 = new Date("2021-06-01T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 24 * 60;

async function actor(label: string) {
  const token = `${label}${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const [row] = await db
    .insert(users)
    .values({ email: `${token}@careslot.test`, fullName: `Auditor ${token}`, passwordHash: "not-a-real-hash", role: "admin" })
    .returning({ id: users.id });
  return { id: row.id, token };
}

/** Five rows by X over three days, and one by Y about the same user as two of X's. */
async function trail() {
  const [x, y] = [await actor("audx"), await actor("audy")];
  const [u1, u2, c1] = [randomUUID(), randomUUID(), randomUUID()];
  const write = async (actorId: string, minutes: number, action: string, entityType: string, entityId: string) => {
    const [row] = await db
      .insert(auditLog)
      .values({ actorId, actorRole: "admin", action, entityType, entityId, createdAt: at(minutes) })
      .returning({ id: auditLog.id });
    return row.id;
  };
  const e1 = await write(x.id, 0, "user.deactivated", "user", u1);
  const e6 = await write(y.id, 30, "user.role_changed", "user", u1);
  const e2 = await write(x.id, 60, "user.reactivated", "user", u1);
  const e3 = await write(x.id, DAY, "settings.updated", "app_settings", "1");
  const e4 = await write(x.id, 2 * DAY, "user.deactivated", "user", u2);
  const e5 = await write(x.id, 3 * DAY, "certificate.viewed", "certificate", c1);
  return { x, y, u1, u2, c1, e1, e2, e3, e4, e5, e6 };
}

async function ids(filter: AuditFilter, page = { page: 1, pageSize: 50 }) {
  const result = await listAuditEntries(db, filter, page);
  return { ids: result.rows.map((row) => row.id), total: result.total };
}

describe("listAuditEntries", () => {
  it("filters by actor id, by part of the actor's name or email (any case), newest first", async () => {
    const t = await trail();
    const byX = { ids: [t.e5, t.e4, t.e3, t.e2, t.e1], total: 5 };
    expect(await ids({ actor: t.x.id })).toEqual(byX);
    expect(await ids({ actor: `auditor ${t.x.token.toUpperCase()}` })).toEqual(byX);
    expect(await ids({ actor: `${t.x.token}@careslot` })).toEqual(byX);
    expect(await ids({ actor: t.y.token })).toEqual({ ids: [t.e6], total: 1 });
  });

  it("shows who acted on each row", async () => {
    const t = await trail();
    const { rows } = await listAuditEntries(db, { actor: t.y.id }, { page: 1, pageSize: 10 });
    expect(rows).toEqual([
      expect.objectContaining({
        id: t.e6,
        actorId: t.y.id,
        actorRole: "admin",
        actorName: `Auditor ${t.y.token}`,
        actorEmail: `${t.y.token}@careslot.test`,
        action: "user.role_changed",
        entityType: "user",
        entityId: t.u1,
        createdAt: at(30),
      }),
    ]);
  });

  it("filters by action", async () => {
    const t = await trail();
    expect(await ids({ actor: t.x.id, action: "user.deactivated" })).toEqual({ ids: [t.e4, t.e1], total: 2 });
    expect(await ids({ actor: t.x.id, action: "certificate.viewed" })).toEqual({ ids: [t.e5], total: 1 });
    expect(await ids({ actor: t.x.id, action: "user" })).toEqual({ ids: [], total: 0 });
  });

  it("filters by entity type and by entity id, across actors", async () => {
    const t = await trail();
    expect(await ids({ entityId: t.u1 })).toEqual({ ids: [t.e2, t.e6, t.e1], total: 3 });
    expect(await ids({ entityType: "user", entityId: t.u1 })).toEqual({ ids: [t.e2, t.e6, t.e1], total: 3 });
    expect(await ids({ entityType: "certificate", entityId: t.u1 })).toEqual({ ids: [], total: 0 });
    expect(await ids({ actor: t.x.id, entityType: "user" })).toEqual({ ids: [t.e4, t.e2, t.e1], total: 3 });
    expect(await ids({ actor: t.x.id, entityType: "app_settings" })).toEqual({ ids: [t.e3], total: 1 });
  });

  it("filters by date range: from inclusive, to exclusive", async () => {
    const t = await trail();
    expect(await ids({ actor: t.x.id, from: at(60), to: at(2 * DAY) })).toEqual({ ids: [t.e3, t.e2], total: 2 });
    expect(await ids({ actor: t.x.id, from: at(2 * DAY) })).toEqual({ ids: [t.e5, t.e4], total: 2 });
    expect(await ids({ actor: t.x.id, to: at(60) })).toEqual({ ids: [t.e1], total: 1 });
  });

  it("a date range from the filter form includes the whole end day", async () => {
    const t = await trail();
    // T0 is 2021-06-01; e3 is on 06-02 10:00 and e4 on 06-03 10:00.
    const { values, problems } = parseAuditFilter({ actor: t.x.id, from: "2021-06-02", to: "2021-06-03" });
    expect(problems).toEqual([]);
    expect(await ids(toAuditQuery(values))).toEqual({ ids: [t.e4, t.e3], total: 2 });
    expect(parseAuditFilter({ from: "2021-06-03", to: "2021-06-02" }).problems).toEqual(["The end date must not be before the start date."]);
  });

  it("pages newest first, with the full total on every page", async () => {
    const t = await trail();
    const page = (n: number) => ids({ actor: t.x.id }, { page: n, pageSize: 2 });
    expect(await page(1)).toEqual({ ids: [t.e5, t.e4], total: 5 });
    expect(await page(2)).toEqual({ ids: [t.e3, t.e2], total: 5 });
    expect(await page(3)).toEqual({ ids: [t.e1], total: 5 });
    expect(await page(4)).toEqual({ ids: [], total: 5 });
    expect(await ids({ actor: t.x.id, entityType: "user" }, { page: 2, pageSize: 2 })).toEqual({ ids: [t.e1], total: 3 });
  });
});
