import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJobRun, requeueFailedJobRun } from "@/db/queries/job-runs";
import { jobRuns, outboxEvents } from "@/db/schema";
import type { Inngest } from "inngest";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";
import { endSleeps, eventually, startTestRunner, type TestRunner } from "../testing/local-runner";
import type { AnyFunction, RunEvent } from "./execute";
import { queueRunWakeUps } from "@/lib/jobs/queue";
import { acceptEvent } from "./fan-out";
import { fireCronTick } from "./runner";

// What the local runner promises, each on a small function of its own, built
// with the app's real Inngest client (so step.sendEvent takes the app's path).
let database: IsolatedDatabase;
let inngest: Inngest;
const counts = new Map<string, number>();
const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1).get(key)!;
const gates = new Map<string, () => void>();

function testFunctions(): AnyFunction[] {
  return [
    inngest.createFunction({ id: "t-retry", triggers: [{ event: "test/retry" }] }, async ({ event, step }) => {
      const key = event.data.key as string;
      const first = await step.run("first", () => count(`${key}:first`));
      const second = await step.run("second", () => {
        if (count(`${key}:second`) < 3) throw new Error(`flaky ${key}`);
        return "ok";
      });
      return { first, second };
    }),
    inngest.createFunction({ id: "t-crash", triggers: [{ event: "test/crash" }] }, async ({ event, step }) => {
      const key = event.data.key as string;
      await step.run("before-crash", () => count(`${key}:before`));
      return step.run("during-crash", async () => {
        // The first attempt never returns: its server is stopped while it waits.
        if (count(`${key}:during`) === 1) await new Promise<void>((resolve) => gates.set(key, resolve));
        return "finished";
      });
    }),
    inngest.createFunction({ id: "t-hold", triggers: [{ event: "test/hold" }] }, async ({ event, step }) => {
      const key = event.data.key as string;
      return step.run("held", async () => {
        // The first attempt waits for the test, which stops its runner meanwhile.
        if (count(`${key}:held`) === 1) await new Promise<void>((resolve) => gates.set(key, resolve));
        return `held by attempt ${counts.get(`${key}:held`)}`;
      });
    }),
    inngest.createFunction({ id: "t-sleep", triggers: [{ event: "test/sleep" }] }, async ({ event, step }) => {
      await step.sleepUntil("nap", new Date(event.data.until as string));
      return step.run("after-nap", () => count(`${event.data.key}:woke`));
    }),
    inngest.createFunction(
      {
        id: "t-cancel",
        triggers: [{ event: "test/remind" }],
        cancelOn: [
          { event: "test/stop", match: "data.visit" },
          { event: "test/move", if: "async.data.from == event.data.visit" },
        ],
      },
      async ({ event, step }) => {
        await step.sleep("wait", "1h");
        return step.run("remind", () => count(`${event.data.visit}:reminded`));
      },
    ),
    inngest.createFunction(
      { id: "t-once", triggers: [{ event: "test/once" }], idempotency: "event.data.visit + '/' + event.data.at" },
      async ({ event, step }) => step.run("act", () => count(`${event.data.visit}:once`)),
    ),
    inngest.createFunction({ id: "t-send", triggers: [{ event: "test/send" }] }, async ({ event, step }) => {
      await step.sendEvent("announce", { name: "test/announced", id: `announce/${event.data.key}`, data: { key: event.data.key } });
      return step.run("after-send", () => {
        if (count(`${event.data.key}:after-send`) === 1) throw new Error("fail once after sending");
        return "sent";
      });
    }),
    inngest.createFunction({ id: "t-announced", triggers: [{ event: "test/announced" }] }, async ({ event, step }) =>
      step.run("hear", () => count(`${event.data.key}:heard`)),
    ),
    inngest.createFunction({ id: "t-always-fails", triggers: [{ event: "test/doomed" }] }, async ({ step }) =>
      step.run("doomed", () => {
        count("doomed");
        throw new Error("the provider refused the message");
      }),
    ),
    inngest.createFunction({ id: "t-cron", triggers: [{ cron: "0 3 1 * *" }] }, async ({ event, step }) => step.run("tick", () => count(`cron:${event.ts}`))),
  ];
}

let runner: TestRunner;
let functions: AnyFunction[];

beforeAll(async () => {
  database = await createIsolatedDatabase("runner");
  process.env.DATABASE_URL = database.url;
  ({ inngest } = await import("@/inngest/client"));
  functions = testFunctions();
  runner = await startTestRunner(database.url, database.db, { functions, staleRunMs: 500 });
});

afterAll(async () => {
  await runner?.stop();
  await database?.drop();
});

let seq = 0;
const event = (name: string, data: Record<string, unknown>): RunEvent => ({ id: `e-${++seq}-${crypto.randomUUID()}`, name, data, ts: Date.now() });
const send = (target: TestRunner, name: string, data: Record<string, unknown>) => acceptEvent(target.context, event(name, data));

async function finished(runId: string, timeoutMs = 15_000) {
  return eventually(
    async () => {
      const run = await getJobRun(database.db, runId);
      return run && ["completed", "failed", "cancelled"].includes(run.status) ? run : undefined;
    },
    timeoutMs,
    `run ${runId}`,
  );
}

describe("local runner", () => {
  it("stores each step's result: a step retried after failing never repeats the steps before it", async () => {
    const { started } = await send(runner, "test/retry", { key: "r1" });
    const run = await finished(started[0]);
    expect(run).toMatchObject({ status: "completed", output: { first: 1, second: "ok" }, lastError: null });
    expect([counts.get("r1:first"), counts.get("r1:second")]).toEqual([1, 3]);
  });

  it("a run whose server died mid-step is taken over, and the steps it finished are not run again", async () => {
    const dying = await startTestRunner(database.url, database.db, { functions, staleRunMs: 500 });
    const { started } = await send(dying, "test/crash", { key: "c1" });
    await eventually(async () => counts.get("c1:during") === 1, 10_000, "the step that hangs");
    await dying.boss.stop({ graceful: false, wait: true });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // The survivor finds the run stale (its server is gone) and wakes it.
    expect(await runner.rescueOverdueRuns()).toBeGreaterThanOrEqual(1);
    expect(await finished(started[0])).toMatchObject({ status: "completed", output: "finished" });
    expect([counts.get("c1:before"), counts.get("c1:during")]).toEqual([1, 2]);
    gates.get("c1")?.();
  });

  it("a stopping runner lets the step it holds finish before it stops: the run completes once", async () => {
    const stopping = await startTestRunner(database.url, database.db, { functions });
    const { started } = await send(stopping, "test/hold", { key: "h1" });
    await eventually(async () => counts.get("h1:held") === 1, 10_000, "the held step");
    let stopped = false;
    const stop = stopping.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stopped).toBe(false); // waiting for its step
    gates.get("h1")!();
    await stop;
    expect(await getJobRun(database.db, started[0])).toMatchObject({ status: "completed", output: "held by attempt 1" });
    expect(counts.get("h1:held")).toBe(1);
  });

  it("a step that outlives the stop is released: its run is queued again at once and another server completes it", async () => {
    const stopping = await startTestRunner(database.url, database.db, { functions, stopTimeoutMs: 1_000 });
    const { started } = await send(stopping, "test/hold", { key: "h2" });
    await eventually(async () => counts.get("h2:held") === 1, 10_000, "the held step");
    await stopping.stop();
    // Not left "running" until it looks abandoned: queued for whichever server takes it next.
    expect(await getJobRun(database.db, started[0])).toMatchObject({ status: "queued" });
    expect(await finished(started[0])).toMatchObject({ status: "completed", output: "held by attempt 2" });
    gates.get("h2")!(); // the first attempt, in the stopped runner, ends now: it stores nothing
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await getJobRun(database.db, started[0])).toMatchObject({ status: "completed", output: "held by attempt 2" });
  });

  it("keeps a sleep across a restart: the run wakes on time on whichever server is up", async () => {
    const first = await startTestRunner(database.url, database.db, { functions });
    const until = new Date(Date.now() + 2_500).toISOString();
    const { started } = await send(first, "test/sleep", { key: "s1", until });
    await eventually(async () => (await getJobRun(database.db, started[0]))?.status === "sleeping", 10_000, "the run to sleep");
    await first.stop();
    const run = await finished(started[0]);
    expect(run.status).toBe("completed");
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(until));
    expect(counts.get("s1:woke")).toBe(1);
  });

  it("cancelOn stops the sleeping runs it matches (by field and by condition) and no other", async () => {
    const [a, b, c] = await Promise.all(["v-a", "v-b", "v-c"].map(async (visit) => (await send(runner, "test/remind", { visit })).started[0]));
    await eventually(
      async () => {
        const rows = await database.db.select({ status: jobRuns.status }).from(jobRuns).where(eq(jobRuns.functionId, "t-cancel"));
        return rows.length === 3 && rows.every((row) => row.status === "sleeping");
      },
      10_000,
      "three sleeping reminders",
    );
    expect((await send(runner, "test/stop", { visit: "v-a" })).cancelled).toEqual([a]);
    expect((await send(runner, "test/move", { from: "v-b" })).cancelled).toEqual([b]);
    expect((await send(runner, "test/move", { from: "unknown" })).cancelled).toEqual([]);
    await endSleeps(database.db);
    expect(await finished(c)).toMatchObject({ status: "completed", output: 1 });
    expect(await getJobRun(database.db, a)).toMatchObject({ status: "cancelled", wakeAt: null });
    expect(await getJobRun(database.db, b)).toMatchObject({ status: "cancelled" });
    expect([counts.get("v-a:reminded"), counts.get("v-b:reminded"), counts.get("v-c:reminded")]).toEqual([undefined, undefined, 1]);
  });

  it("an idempotency key already used starts no second run, and a re-delivered event none either", async () => {
    const again = event("test/once", { visit: "v-1", at: "10:00" });
    const first = await acceptEvent(runner.context, again);
    expect(first.started).toHaveLength(1);
    // The same event again names the same run (queued again only while it has not started), never a new one.
    expect(first.started).toContain((await acceptEvent(runner.context, again)).started[0] ?? first.started[0]);
    expect((await send(runner, "test/once", { visit: "v-1", at: "10:00" })).started).toEqual([]);
    const keyed = await database.db.select({ id: jobRuns.id }).from(jobRuns).where(eq(jobRuns.idempotencyKey, "v-1/10:00"));
    expect(keyed.map((row) => row.id)).toEqual(first.started);
    const moved = await send(runner, "test/once", { visit: "v-1", at: "11:00" });
    await finished(first.started[0]);
    await finished(moved.started[0]);
    expect(counts.get("v-1:once")).toBe(2);
  });

  it("step.sendEvent writes the event to the outbox once, even when the run is retried, and it reaches its function", async () => {
    const { started } = await send(runner, "test/send", { key: "k1" });
    expect(await finished(started[0])).toMatchObject({ status: "completed", output: "sent" });
    const rows = await database.db.select().from(outboxEvents).where(eq(outboxEvents.name, "test/announced"));
    expect(rows.map((row) => row.payload)).toEqual([{ key: "k1" }]);
    await eventually(async () => counts.get("k1:heard") === 1, 10_000, "the announced event's run");
  });

  it("retries a failing step with growing delays, then keeps the failure with its error; Retry now runs it again", async () => {
    const { started } = await send(runner, "test/doomed", {});
    const run = await finished(started[0]);
    expect(run).toMatchObject({ status: "failed", lastError: "the provider refused the message" });
    expect(counts.get("doomed")).toBe(4);
    const jobs = await database.db.execute<{ created_on: Date; start_after: Date }>(
      sql`SELECT created_on, start_after FROM pgboss.job WHERE name = 'careslot-runs' AND data->>'runId' = ${started[0]} ORDER BY created_on`,
    );
    // The first attempt and three retries (Inngest's default of 3), each retry later than the one before.
    expect(jobs).toHaveLength(4);
    const delays = jobs.slice(1).map((job) => new Date(job.start_after).getTime() - new Date(job.created_on).getTime());
    expect(delays[2]).toBeGreaterThan(delays[0]);

    expect(await requeueFailedJobRun(database.db, started[0])).toBe(true);
    await queueRunWakeUps(runner.boss, [{ runId: started[0] }]);
    // Tried afresh: four more attempts, then failed again with its error.
    await eventually(async () => counts.get("doomed") === 8 && (await getJobRun(database.db, started[0]))?.status === "failed", 15_000, "the retried run");
  });

  it("fires a cron tick once even when two servers fire it", async () => {
    const second = await startTestRunner(database.url, database.db, { functions });
    const definition = runner.context.definitions.find((candidate) => candidate.id === "t-cron")!;
    const firedAt = new Date("2030-02-01T03:00:04Z");
    const [a, b] = await Promise.all([
      fireCronTick(runner.context, definition, "0 3 1 * *", firedAt),
      fireCronTick(second.context, definition, "0 3 1 * *", new Date("2030-02-01T03:00:31Z")),
    ]);
    await second.stop();
    // Both name the same run: the tick's id made it once.
    expect(new Set([...a, ...b]).size).toBe(1);
    expect(await database.db.select({ id: jobRuns.id }).from(jobRuns).where(eq(jobRuns.functionId, "t-cron"))).toHaveLength(1);
    const run = await finished(a[0]);
    expect(run.event).toMatchObject({ name: "inngest/scheduled.timer", ts: Date.parse("2030-02-01T03:00:00Z") });
    expect(counts.get(`cron:${Date.parse("2030-02-01T03:00:00Z")}`)).toBe(1);
    // And pg-boss holds the schedule itself, once for the database.
    const schedules = await runner.boss.getSchedules();
    expect(schedules.filter((schedule) => schedule.name === "careslot-cron.t-cron").map((schedule) => schedule.cron)).toEqual(["0 3 1 * *"]);
  });
});
