// An event reaching the local runner does what it does at Inngest: it stops
// the unfinished runs whose cancelOn it matches, then starts one run of each
// function it triggers (unless the function's idempotency key was used).
import type PgBoss from "pg-boss";
import { v5 as uuidv5 } from "uuid";
import type { Db } from "@/db/client";
import { cancelActiveJobRuns, createJobRuns, listActiveJobRuns, type NewJobRun, type RunFilter } from "@/db/queries/job-runs";
import { queueRunWakeUps } from "@/lib/jobs/queue";
import type { FunctionDefinition } from "./definitions";
import type { RunEvent } from "./execute";
import { conditionHolds, fieldEqualityOf, idempotencyKeyFor } from "./expressions";

const RUN_ID_NAMESPACE = "0f8e4a1c-6b9d-4f3e-8c2a-7d5b9e1f4a60";

/** A run's id follows from its function and event, so the same event never starts a function twice. */
export const runIdFor = (functionId: string, eventId: string): string => uuidv5(`${functionId}/${eventId}`, RUN_ID_NAMESPACE);

export interface RunnerContext {
  db: Db;
  boss: PgBoss;
  definitions: FunctionDefinition[];
  now: () => Date;
}

export async function acceptEvent(context: RunnerContext, event: RunEvent): Promise<{ started: string[]; cancelled: string[] }> {
  const cancelled = await cancelRunsMatching(context, event);
  const runs = context.definitions
    .filter((definition) => definition.events.some((trigger) => trigger.name === event.name && (!trigger.if || conditionHolds(trigger.if, event, event))))
    .map((definition) => newRun(definition, event));
  return { started: await startRuns(context, runs), cancelled };
}

export function newRun(definition: FunctionDefinition, event: RunEvent): NewJobRun {
  return {
    id: runIdFor(definition.id, event.id),
    functionId: definition.id,
    eventName: event.name,
    event,
    idempotencyKey: idempotencyKeyFor(definition.idempotency, event),
  };
}

/** Writes the runs, then queues their first wake-up (again, for runs a crash left without one). */
export async function startRuns(context: RunnerContext, runs: NewJobRun[]): Promise<string[]> {
  const queued = await createJobRuns(context.db, runs);
  await queueRunWakeUps(
    context.boss,
    queued.map((runId) => ({ runId, reason: "start" })),
  );
  return queued;
}

async function cancelRunsMatching(context: RunnerContext, event: RunEvent): Promise<string[]> {
  const cancelled: string[] = [];
  for (const definition of context.definitions) {
    for (const cancel of definition.cancelOn) {
      if (cancel.event !== event.name) continue;
      const filter = await filterFor(context, definition, cancel, event);
      if (filter) cancelled.push(...(await cancelActiveJobRuns(context.db, definition.id, filter, event.id, context.now())));
    }
  }
  return cancelled;
}

async function filterFor(
  context: RunnerContext,
  definition: FunctionDefinition,
  cancel: FunctionDefinition["cancelOn"][number],
  event: RunEvent,
): Promise<RunFilter | null> {
  const equality = fieldEqualityOf(cancel, event);
  if (equality === null) return null;
  if (equality === "all") return { kind: "all" };
  if (equality !== "evaluate") return { kind: "field", path: equality.triggerPath, value: equality.value };
  const active = await listActiveJobRuns(context.db, definition.id);
  return { kind: "ids", ids: active.filter((run) => conditionHolds(cancel.if!, run.event, event)).map((run) => run.id) };
}
