// The audit log is append-only in PostgreSQL itself (migration 0006): no app
// bug, console session or compromised admin page can rewrite history.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sqlState } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { createPatient } from "@/tests/factories";
import { insertAuditEntry } from "./queries/audit";
import { auditLog, users } from "./schema";

const db = useTestDb({ max: 2 });

async function auditedAction(actorId: string) {
  const entityId = randomUUID();
  await insertAuditEntry(db, { actorId, actorRole: "patient", action: "test.append_only", entityType: "test", entityId, after: { n: 1 } });
  const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, entityId));
  return row;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: unknown) => sqlState(error),
  );

describe("audit_log", () => {
  it("refuses UPDATE of any column and DELETE, and the row stays as written", async () => {
    const patient = await createPatient(db);
    const row = await auditedAction(patient.id);
    expect(await refusal(db.update(auditLog).set({ action: "test.rewritten" }).where(eq(auditLog.id, row.id)))).toBe("42501");
    expect(
      await refusal(
        db
          .update(auditLog)
          .set({ after: { n: 2 } })
          .where(eq(auditLog.id, row.id)),
      ),
    ).toBe("42501");
    expect(await refusal(db.update(auditLog).set({ actorId: null, action: "test.sneaky" }).where(eq(auditLog.id, row.id)))).toBe("42501");
    expect(await refusal(db.delete(auditLog).where(eq(auditLog.id, row.id)))).toBe("42501");
    expect(await db.select().from(auditLog).where(eq(auditLog.id, row.id))).toEqual([row]);
  });

  it("refuses TRUNCATE", async () => {
    // Inside a transaction that is always rolled back, so a missing guard could not empty the shared test database.
    const outcome = await db
      .transaction(async (tx) => {
        await tx.execute(sql`truncate audit_log`);
        throw new Error("rollback: TRUNCATE was accepted");
      })
      .catch((error: unknown) => sqlState(error) ?? (error as Error).message);
    expect(outcome).toBe("42501");
  });

  it("lets the foreign key clear the actor of a deleted user, and nothing else of the row changes", async () => {
    const patient = await createPatient(db);
    const row = await auditedAction(patient.id);
    await db.delete(users).where(eq(users.id, patient.id));
    const [after] = await db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(after).toEqual({ ...row, actorId: null });
  });

  it("lets the free text a deleted patient wrote be redacted (migration 0015), and no other change to before/after", async () => {
    const patient = await createPatient(db);
    const entityId = randomUUID();
    await insertAuditEntry(db, {
      actorId: patient.id,
      actorRole: "patient",
      action: "test.redaction",
      entityType: "test",
      entityId,
      before: { body: "my words", rating: 2 },
      after: { title: "HIV test", recordType: "lab_result" },
    });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, entityId));
    const where = sql`where id = ${row!.id}`;
    // Anything but the exact redaction is refused: a changed fact, a key dropped that is not free text, another column touched.
    expect(await refusal(db.execute(sql`update audit_log set before = '{"rating": 5, "redacted": true}' ${where}`))).toBe("42501");
    expect(await refusal(db.execute(sql`update audit_log set after = '{"redacted": true}' ${where}`))).toBe("42501");
    expect(await refusal(db.execute(sql`update audit_log set before = careslot_audit_redacted(before), action = 'test.sneaky' ${where}`))).toBe("42501");
    await db.execute(sql`update audit_log set before = careslot_audit_redacted(before), after = careslot_audit_redacted(after) ${where}`);
    const [redacted] = await db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(redacted).toEqual({ ...row, before: { rating: 2, redacted: true }, after: { recordType: "lab_result", redacted: true } });
  });
});
