import { eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { enqueueOutboxEvent } from "./enqueue";

// Half of this file is for the type checker: `npm run typecheck` reads it, and
// each @ts-expect-error fails that check the day the call below it compiles.

const handle = connectDatabase(inject("databaseUrl"), { max: 2 });
const db = handle.db;
afterAll(() => handle.close());

class RolledBack extends Error {}

describe("enqueueOutboxEvent", () => {
  it("writes the event and its payload in the caller's transaction, and nothing once that rolls back", async () => {
    const appointmentId = crypto.randomUUID();
    let written: typeof outboxEvents.$inferSelect | undefined;
    let id = "";
    const attempt = db.transaction(async (tx) => {
      id = await enqueueOutboxEvent(tx, "appointment/cancelled", { appointmentId, cancelledBy: "patient", reason: "A better time" });
      [written] = await tx.select().from(outboxEvents).where(eq(outboxEvents.id, id));
      throw new RolledBack();
    });
    await expect(attempt).rejects.toBeInstanceOf(RolledBack);
    expect(written).toMatchObject({
      name: "appointment/cancelled",
      status: "pending",
      payload: { appointmentId, cancelledBy: "patient", reason: "A better time" },
    });
    expect(await db.select().from(outboxEvents).where(eq(outboxEvents.id, id))).toEqual([]);
  });

  it("takes only the events inngest/events.ts defines, each with the payload its schema takes", () => {
    const neverRun = (tx: Db) => [
      // @ts-expect-error no Inngest function knows this event
      enqueueOutboxEvent(tx, "appointment/teleported", { appointmentId: "a" }),
      // @ts-expect-error appointment/cancelled also needs cancelledBy and reason
      enqueueOutboxEvent(tx, "appointment/cancelled", { appointmentId: "a" }),
      // @ts-expect-error cancelledBy is an actor role
      enqueueOutboxEvent(tx, "appointment/cancelled", { appointmentId: "a", cancelledBy: "nurse", reason: "x" }),
      // @ts-expect-error the payload of another event
      enqueueOutboxEvent(tx, "payment/paid", { appointmentId: "a", startsAt: "2030-03-05T09:00:00Z" }),
      enqueueOutboxEvent(tx, "payment/paid", { paymentId: "p", appointmentId: "a" }),
    ];
    expect(neverRun).toBeTypeOf("function");
  });
});
