// Generating a month's reports by hand is an admin action on record: the audit
// row names the admin, the month and how many reports were written. Both runs
// here are rolled back, since regenerating a month replaces its reports for
// every file using this database.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { adminActor, auditRowsFor, inRolledBackTransaction } from "@/lib/admin/test-helpers";
import { generateMonthlyReports } from "./service";

let handle: DatabaseHandle;
let db: Db;

beforeAll(() => {
  handle = connectDatabase(inject("databaseUrl"), { max: 3 });
  db = handle.db;
});

afterAll(async () => {
  await handle.close();
});

const MONTH = "2027-02";
const NOW = new Date("2030-03-04T08:00:00Z");

describe("reports.generated", () => {
  it("is written when an admin generates a month, naming the admin, the month and how many reports were written", async () => {
    const admin = await adminActor(db);
    await inRolledBackTransaction(db, async (tx) => {
      const generated = await generateMonthlyReports(tx, { month: MONTH, now: NOW, actor: admin });
      expect(await auditRowsFor(tx, "report_month", MONTH)).toEqual([
        expect.objectContaining({ actorId: admin.id, actorRole: "admin", action: "reports.generated", entityType: "report_month", entityId: MONTH, after: { reports: generated.doctorReports.length + 1 } }),
      ]);
    });
  });

  it("is not written for the scheduled run, whose actor is the system", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      const generated = await generateMonthlyReports(tx, { month: MONTH, now: NOW, actor: "system" });
      expect(generated.month).toBe(MONTH);
      expect(await auditRowsFor(tx, "report_month", MONTH)).toEqual([]);
    });
  });
});
