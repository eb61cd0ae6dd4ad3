import { InngestTestEngine } from "@inngest/test";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "@/db/schema";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { startFakeInngest, type FakeInngest } from "../testing/fake-inngest";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";

// The sweep through the app's own wiring: getDb() on a database of its own and
// the app's Inngest client configured the documented way (INNGEST_BASE_URL,
// INNGEST_EVENT_KEY). The client reads them when created, hence the late import.
let database: IsolatedDatabase;
let inngest: FakeInngest;
let sweepOutbox: typeof import("./sweep-outbox").sweepOutbox;

beforeAll(async () => {
  database = await createIsolatedDatabase("sweep");
  inngest = await startFakeInngest();
  process.env.DATABASE_URL = database.url;
  process.env.INNGEST_BASE_URL = inngest.url;
  process.env.INNGEST_EVENT_KEY = "sweep-test-key";
  ({ sweepOutbox } = await import("./sweep-outbox"));
});

afterAll(async () => {
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_EVENT_KEY;
  await inngest?.stop();
  await database?.drop();
});

describe("sweep-outbox", () => {
  it("re-sends every pending row with its outbox id as the event id, then has nothing left to send", async () => {
    const ids = [
      await enqueueOutboxEvent(database.db, "appointment/cancelled", { appointmentId: crypto.randomUUID(), cancelledBy: "doctor", reason: "Away" }),
      await enqueueOutboxEvent(database.db, "appointment/cancelled", { appointmentId: crypto.randomUUID(), cancelledBy: "patient", reason: "Better" }),
    ];

    const first = await new InngestTestEngine({ function: sweepOutbox, events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] }).execute();

    expect(first.result).toEqual({ sent: 2, failed: 0 });
    expect(inngest.accepted).toEqual(ids);
    const rows = await database.db.select().from(outboxEvents).where(inArray(outboxEvents.id, ids));
    expect(rows.every((row) => row.status === "sent" && row.sentAt !== null)).toBe(true);

    const second = await new InngestTestEngine({ function: sweepOutbox, events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] }).execute();
    expect(second.result).toEqual({ sent: 0, failed: 0 });
    expect(inngest.accepted).toHaveLength(2);
  });
});
