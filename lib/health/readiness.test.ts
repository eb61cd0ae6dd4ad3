import { randomBytes } from "node:crypto";
import { inject, afterAll, describe, expect, it } from "vitest";
import { connectDatabase } from "@/db/client";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/scripts/lib/database-server";
import { useTestDb } from "@/tests/db";
import { LATEST_MIGRATION_MILLIS, checkReadiness } from "./readiness";

// /api/health/ready's answer: what keeps a server out of the load balancer.
const db = useTestDb({ max: 2 });
const adminUrl = databaseUrl(inject("databaseUrl"), "postgres");
const extraDatabases: string[] = [];
afterAll(async () => {
  for (const name of extraDatabases) await dropDatabase(adminUrl, name);
});

describe("checkReadiness", () => {
  it("is ready on a reachable database with every committed migration applied", async () => {
    expect(await checkReadiness(db, false)).toEqual({ ready: true });
    expect(LATEST_MIGRATION_MILLIS).toBeGreaterThan(Date.UTC(2026, 0, 1));
  });

  it("is not ready while the server shuts down, whatever the database says", async () => {
    expect(await checkReadiness(db, true)).toEqual({ ready: false, reason: "shutting_down" });
  });

  it("is not ready on a database the migrations have not reached yet", async () => {
    const name = `careslot_unmigrated_${process.pid}_${randomBytes(3).toString("hex")}`;
    extraDatabases.push(name);
    const handle = connectDatabase(await ensureDatabase(adminUrl, name, { fresh: true }), { max: 1 });
    try {
      expect(await checkReadiness(handle.db, false)).toEqual({ ready: false, reason: "migrations_pending" });
    } finally {
      await handle.close();
    }
  });

  it("is not ready when the database cannot be reached", async () => {
    const handle = connectDatabase("postgres://nobody@127.0.0.1:1/none", { max: 1 });
    try {
      expect(await checkReadiness(handle.db, false)).toMatchObject({ ready: false, reason: "database_unreachable" });
    } finally {
      await handle.close();
    }
  });
});
