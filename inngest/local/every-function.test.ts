import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJobRun } from "@/db/queries/job-runs";
import type { AnyFunction } from "./execute";
import { newRun, startRuns } from "./fan-out";
import { functionCases } from "../testing/function-cases";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";
import { endSleeps, eventually, startTestRunner, type TestRunner } from "../testing/local-runner";

// Every Inngest function, from one table of cases, under both engines: the
// @inngest/test engine (Inngest's own semantics, sleeps mocked) and the local
// runner on a real PostgreSQL (a run stored, queued in pg-boss and driven step
// by step; sleeps end by moving their wake-up to now).
let database: IsolatedDatabase;
let runner: TestRunner;
let functions: AnyFunction[];

beforeAll(async () => {
  database = await createIsolatedDatabase("every_function");
  process.env.DATABASE_URL = database.url;
  runner = await startTestRunner(database.url, database.db, { outboxPollMs: null });
  ({ functions } = await import("@/inngest"));
});

afterAll(async () => {
  await runner?.stop();
  const { appJobQueue } = await import("@/lib/jobs/queue");
  // The sweep under @inngest/test sends through the app's own queue.
  await (await appJobQueue()).stop({ graceful: false, wait: true }).catch(() => {});
  await database?.drop();
});

const functionById = (id: string) => functions.find((fn) => Reflect.get(fn, "opts").id === id)!;

describe("the table of cases", () => {
  it("covers every function served to Inngest", () => {
    expect(functionCases.map((c) => c.functionId).sort()).toEqual(functions.map((fn) => Reflect.get(fn, "opts").id as string).sort());
  });
});

describe.each(functionCases)("$functionId", (functionCase) => {
  it("runs under @inngest/test", async () => {
    const { event, check } = await functionCase.setup(database.db);
    const steps = (functionCase.sleeps ?? []).map((id) => ({ id, handler: () => undefined }));
    const { result, error } = await new InngestTestEngine({ function: functionById(functionCase.functionId), events: [event], steps }).execute();
    expect(error).toBeUndefined();
    await check(result);
  });

  it("runs under the local runner", async () => {
    const { event, check } = await functionCase.setup(database.db);
    // Started for this function alone (the event's other functions and the fan-out are tested in runner.test.ts).
    const definition = runner.context.definitions.find((candidate) => candidate.id === functionCase.functionId)!;
    const [runId] = await startRuns(runner.context, [newRun(definition, { id: crypto.randomUUID(), ts: Date.now(), ...event })]);
    const run = await eventually(
      async () => {
        await endSleeps(database.db);
        const row = await getJobRun(database.db, runId);
        return row && ["completed", "failed", "cancelled"].includes(row.status) ? row : undefined;
      },
      20_000,
      `the ${functionCase.functionId} run`,
    );
    expect({ status: run.status, error: run.lastError }).toEqual({ status: "completed", error: null });
    await check(run.output);
  });
});
