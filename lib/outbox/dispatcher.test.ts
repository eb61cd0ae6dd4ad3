import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { getOutboxSummary } from "@/db/queries/outbox";
import { outboxEvents } from "@/db/schema";
import { bookAppointment, cancelAppointment } from "@/lib/booking/service";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { inngestClientFor, refusedUrl, startFakeInngest, type FakeInngest } from "@/inngest/testing/fake-inngest";
import { TEST_NOW, createDoctor, createPatient, localInstant } from "@/tests/factories";
import { deliverPendingOutbox, type SendEvents } from "./dispatcher";
import { enqueueOutboxEvent } from "./enqueue";

// The dispatcher sweeps every pending row, so these tests run on a database of
// their own; the Inngest event API is a local HTTP server, reached by the real
// SDK client.

let database: IsolatedDatabase;
let db: Db;
let inngest: FakeInngest;

beforeAll(async () => {
  database = await createIsolatedDatabase("outbox");
  db = database.db;
  inngest = await startFakeInngest();
});

afterAll(async () => {
  await inngest?.stop();
  await database?.drop();
});

const senderFor =
  (client: { send: SendEvents }): SendEvents =>
  (events) =>
    client.send(events);

async function rowsOf(ids: string[]) {
  return db.select().from(outboxEvents).where(inArray(outboxEvents.id, ids)).orderBy(outboxEvents.createdAt);
}

async function pendingIds(): Promise<string[]> {
  return (await db.select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.status, "pending"))).map((row) => row.id);
}

describe("outbox delivery to Inngest", () => {
  it("books while Inngest is unreachable, keeps the events pending with the reason, and delivers each exactly once when it is back", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    // Booking never talks to Inngest: it succeeds with the job runner down.
    const first = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-05", "10:00"), reason: "Check-up" },
      TEST_NOW,
    );
    const second = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-06", "11:00"), reason: "Follow-up" },
      TEST_NOW,
    );
    await cancelAppointment(db, { appointmentId: second.id, actor: { id: doctor.id, role: "doctor" }, reason: "Doctor unavailable" }, TEST_NOW);
    expect(first.status).toBe("confirmed");
    const ids = await pendingIds();
    expect(ids).toHaveLength(3);

    // Down: nothing listens.
    const refused = await deliverPendingOutbox(db, senderFor(inngestClientFor(await refusedUrl())));
    expect(refused).toMatchObject({ sent: 0, failed: 3 });
    expect(refused.error).toMatch(/fetch failed|ECONNREFUSED/);
    let rows = await rowsOf(ids);
    expect(rows.map((row) => [row.status, row.attempts, row.sentAt])).toEqual([
      ["pending", 1, null],
      ["pending", 1, null],
      ["pending", 1, null],
    ]);
    expect(rows[0].lastError).toMatch(/fetch failed|ECONNREFUSED/);

    // Down: the event API answers 500. The SDK's own retries carry the same ids.
    inngest.mode = "error";
    const failed = await deliverPendingOutbox(db, senderFor(inngest.client));
    expect(failed).toMatchObject({ sent: 0, failed: 3 });
    rows = await rowsOf(ids);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ["pending", 2],
      ["pending", 2],
      ["pending", 2],
    ]);
    expect(rows[0].lastError).toContain("event API unavailable");
    expect(new Set(inngest.seen)).toEqual(new Set(ids));
    expect(inngest.accepted).toEqual([]);
    const summary = await getOutboxSummary(db);
    expect(summary).toMatchObject({ pending: 3, lastError: { attempts: 2 } });
    expect(summary.lastError?.message).toContain("event API unavailable");

    // Up: delivered with the outbox ids as event ids, oldest first, each once.
    inngest.mode = "up";
    expect(await deliverPendingOutbox(db, senderFor(inngest.client))).toEqual({ sent: 3, failed: 0 });
    rows = await rowsOf(ids);
    expect(rows.map((row) => [row.status, row.attempts, row.lastError])).toEqual([
      ["sent", 3, null],
      ["sent", 3, null],
      ["sent", 3, null],
    ]);
    expect(rows.every((row) => row.sentAt instanceof Date)).toBe(true);
    expect(inngest.accepted).toEqual(rows.map((row) => row.id));
    expect(rows.map((row) => row.name)).toEqual(["appointment/booked", "appointment/booked", "appointment/cancelled"]);

    // Nothing is sent again.
    expect(await deliverPendingOutbox(db, senderFor(inngest.client))).toEqual({ sent: 0, failed: 0 });
    expect(inngest.accepted).toHaveLength(3);
    expect(await getOutboxSummary(db)).toMatchObject({ pending: 0, oldestPendingAt: null, lastError: null });
  });

  it("two dispatchers running at once never send a row twice", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++)
      ids.push(await enqueueOutboxEvent(db, "appointment/cancelled", { appointmentId: crypto.randomUUID(), cancelledBy: "admin", reason: `batch ${i}` }));
    inngest.accepted.length = 0;
    // Slow acceptance keeps the first dispatcher's rows locked while the second one claims.
    inngest.delayMs = 150;
    const send = senderFor(inngest.client);
    const [a, b] = await Promise.all([deliverPendingOutbox(db, send, { limit: 10 }), deliverPendingOutbox(db, send, { limit: 10 })]);
    inngest.delayMs = 0;

    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(a.sent + b.sent).toBe(60);
    expect(inngest.accepted).toHaveLength(60);
    expect(new Set(inngest.accepted)).toEqual(new Set(ids));
    expect((await rowsOf(ids)).every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("a failed batch is retried by the next delivery, which sends it with the same ids", async () => {
    const id = await enqueueOutboxEvent(db, "appointment/cancelled", { appointmentId: crypto.randomUUID(), cancelledBy: "patient", reason: "retry me" });
    inngest.accepted.length = 0;
    inngest.seen.length = 0;
    inngest.mode = "error";
    expect((await deliverPendingOutbox(db, senderFor(inngest.client))).failed).toBe(1);
    inngest.mode = "up";
    expect(await deliverPendingOutbox(db, senderFor(inngest.client))).toEqual({ sent: 1, failed: 0 });
    // Every attempt that reached the server (five SDK tries while failing, one success) named the outbox row.
    expect(new Set(inngest.seen)).toEqual(new Set([id]));
    expect(inngest.accepted).toEqual([id]);
  });
});
