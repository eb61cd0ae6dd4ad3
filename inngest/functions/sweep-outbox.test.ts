import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents, payments, refunds } from "@/db/schema";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { setStripeSetupForTests } from "@/lib/payments/stripe-client";
import { TEST_WEBHOOK_SECRET, fakeStripeClient, startFakeStripe } from "@/lib/payments/testing/fake-stripe";
import { TEST_NOW, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { startFakeInngest, type FakeInngest } from "../testing/fake-inngest";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";
import { insertPayment, insertRefund } from "../testing/payments";

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
  setStripeSetupForTests(undefined);
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

  it("sends a refund Stripe never got, once, and its notice goes out in the same sweep", async () => {
    const stripe = await startFakeStripe();
    setStripeSetupForTests({ client: fakeStripeClient(stripe), webhookSecret: TEST_WEBHOOK_SECRET });
    try {
      const doctor = await createDoctor(database.db);
      const patient = await createPatient(database.db);
      const appointment = await insertAppointmentRow(database.db, { doctorId: doctor.id, patientId: patient.id, startsAt: TEST_NOW, status: "cancelled" });
      const payment = await insertPayment(database.db, appointment, { stripePaymentIntentId: "pi_sweep_1" });
      // Recorded with a cancellation two minutes ago; Stripe was down, then the server went away.
      const refund = await insertRefund(database.db, payment.id, {
        amountMinor: 6000,
        status: "pending",
        requestedByRole: "doctor",
        createdAt: new Date(Date.now() - 2 * 60_000),
      });
      const sweep = () =>
        new InngestTestEngine({ function: sweepOutbox, events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] }).execute();

      const first = await sweep();
      expect(first.result).toEqual({ sent: 1, failed: 0 });
      const sends = stripe.requestsTo("POST", "/v1/refunds");
      expect(sends.map((r) => [r.headers["idempotency-key"], r.form.payment_intent, r.form.amount])).toEqual([[`refund-${refund.id}`, "pi_sweep_1", "6000"]]);
      const [after] = await database.db.select().from(refunds).where(eq(refunds.id, refund.id));
      expect(after).toMatchObject({ status: "succeeded", stripeRefundId: expect.stringMatching(/^re_test_/), sendClaimedAt: null });
      expect((await database.db.select().from(payments).where(eq(payments.id, payment.id)))[0]).toMatchObject({ status: "refunded", refundedMinor: 6000 });
      const [notice] = await database.db
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.name, "payment/refunded"), eq(outboxEvents.status, "sent")));
      expect(inngest.accepted).toContain(notice.id);

      await sweep();
      expect(stripe.requestsTo("POST", "/v1/refunds")).toHaveLength(1);
    } finally {
      setStripeSetupForTests(undefined);
      await stripe.close();
    }
  });
});
