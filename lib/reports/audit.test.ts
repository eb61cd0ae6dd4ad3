// Generating a month's reports is on record: the audit row names the admin (or
// the system, for the monthly job), the month and how many reports were written. Both runs
// here are rolled back, since regenerating a month replaces its reports for
// every file using this database.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { reports, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { adminActor, auditRowsFor, createDoctor, createPatient, inRolledBackTransaction, rejectionOf } from "@/tests/factories";
import { generateMonthlyReports } from "./service";
import { monthToDate } from "./month";

const db = useTestDb({ max: 3 });

const MONTH = "2027-02";
const NOW = new Date("2030-03-04T08:00:00Z");

describe("reports.generated", () => {
  it("is written when an admin generates a month, naming the admin, the month and how many reports were written", async () => {
    const admin = await adminActor(db);
    await inRolledBackTransaction(db, async (tx) => {
      const generated = await generateMonthlyReports(tx, { month: MONTH, now: NOW, actor: admin });
      expect(await auditRowsFor(tx, "report_month", MONTH)).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          actorRole: "admin",
          action: "reports.generated",
          entityType: "report_month",
          entityId: MONTH,
          after: { reports: generated.doctorReports.length + 1 },
        }),
      ]);
    });
  });

  it("is written for the scheduled run too, as the system's", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      const generated = await generateMonthlyReports(tx, { month: MONTH, now: NOW, actor: "system" });
      expect(generated.month).toBe(MONTH);
      expect(await auditRowsFor(tx, "report_month", MONTH)).toEqual([
        expect.objectContaining({ actorId: null, actorRole: "system", action: "reports.generated", after: { reports: generated.doctorReports.length + 1 } }),
      ]);
    });
  });
});

describe("who may generate reports", () => {
  it("refuses a patient, a doctor and a deactivated admin in the service itself, and writes nothing", async () => {
    const [patient, doctor, admin] = [await createPatient(db), await createDoctor(db), await adminActor(db)];
    await db.update(users).set({ active: false }).where(eq(users.id, admin.id));
    for (const actor of [{ id: patient.id, role: "patient" as const }, { id: doctor.id, role: "doctor" as const }, admin]) {
      await inRolledBackTransaction(db, async (tx) => {
        const error = (await rejectionOf(generateMonthlyReports(tx, { month: MONTH, now: NOW, actor }))) as AppError;
        expect(error).toBeInstanceOf(AppError);
        expect(error.code).toBe("forbidden");
        expect(
          await tx
            .select()
            .from(reports)
            .where(eq(reports.month, monthToDate(MONTH))),
        ).toEqual([]);
        expect(await auditRowsFor(tx, "report_month", MONTH)).toEqual([]);
      });
    }
  });
});
