import { eq } from "drizzle-orm";
import { atBoundary } from "@/tests/boundary";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, jobRuns, outboxEvents } from "@/db/schema";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { createAdmin, createPatient } from "@/tests/factories";
import { retryFailedJobRun, retryJobRunSchema } from "@/lib/admin/jobs";
import { getJobRunnerStatus, listLocalRuns } from "./status";

// What the admin sees of the background work: on a database of its own, since the figures count every row.
let database: IsolatedDatabase;
beforeAll(async () => {
  database = await createIsolatedDatabase("job_status");
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  const { appJobQueue } = await import("./queue");
  await (await appJobQueue()).stop({ graceful: false, wait: true }).catch(() => {});
  await database?.drop();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("job runner status", () => {
  it("names the local runner and warns only once undelivered work is older than five minutes", async () => {
    const db = database.db;
    const fresh = await getJobRunnerStatus(db, new Date());
    expect(fresh).toMatchObject({ runner: "local", queueDepth: 0, oldestWaitingAt: null, backlogWarning: false });

    const id = await enqueueOutboxEvent(db, "appointment/cancelled", { appointmentId: crypto.randomUUID(), cancelledBy: "admin", reason: "x" });
    await db
      .update(outboxEvents)
      .set({ createdAt: minutesAgo(4) })
      .where(eq(outboxEvents.id, id));
    expect(await getJobRunnerStatus(db, new Date())).toMatchObject({ queueDepth: 1, backlogWarning: false });

    await db
      .update(outboxEvents)
      .set({ createdAt: minutesAgo(6) })
      .where(eq(outboxEvents.id, id));
    expect(await getJobRunnerStatus(db, new Date())).toMatchObject({ queueDepth: 1, backlogWarning: true });

    // A run due but not started counts too: the events were handed over, the work still waits.
    await db.update(outboxEvents).set({ status: "sent" }).where(eq(outboxEvents.id, id));
    await db.insert(jobRuns).values({
      id: crypto.randomUUID(),
      functionId: "send-booking-confirmation",
      eventName: "appointment/booked",
      event: { id, name: "appointment/booked", data: {}, ts: 0 },
      createdAt: minutesAgo(7),
    });
    expect(await getJobRunnerStatus(db, new Date())).toMatchObject({ queueDepth: 1, backlogWarning: true, runs: { queued: 1 } });
  });

  it("lists failed runs with their error, and an admin's Retry now queues one again, audited; others are refused", async () => {
    const db = database.db;
    const runId = crypto.randomUUID();
    await db.insert(jobRuns).values({
      id: runId,
      functionId: "send-payment-receipt",
      eventName: "payment/paid",
      event: { id: runId, name: "payment/paid", data: {}, ts: 0 },
      status: "failed",
      lastError: "the provider refused the message",
      finishedAt: new Date(),
      steps: { ok: { data: 1 }, bad: { error: { message: "refused" } } },
      stepOrder: ["ok", "bad"],
    });
    expect((await listLocalRuns(db)).failed).toEqual([expect.objectContaining({ id: runId, lastError: "the provider refused the message" })]);

    const patient = await createPatient(db);
    await expect(retryFailedJobRun(db, { id: patient.id, role: "patient" }, { runId })).rejects.toMatchObject({ code: "forbidden" });
    const admin = await createAdmin(db);
    await expect(
      atBoundary(retryJobRunSchema, { runId: "not-a-run" }, (input) => retryFailedJobRun(db, { id: admin.id, role: "admin" }, input)),
    ).rejects.toMatchObject({ code: "invalid_input" });

    expect(await retryFailedJobRun(db, { id: admin.id, role: "admin" }, { runId })).toEqual({ runId });
    const [run] = await db.select().from(jobRuns).where(eq(jobRuns.id, runId));
    // Starts again from its last good step: the failed step's stored error is gone, the good one kept.
    expect(run).toMatchObject({ status: "queued", attempt: 0, steps: { ok: { data: 1 } }, stepOrder: ["ok"] });
    expect(await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, runId))).toEqual([{ action: "job_run.retried" }]);
    await expect(retryFailedJobRun(db, { id: admin.id, role: "admin" }, { runId })).rejects.toMatchObject({ code: "conflict" });
  });
});
