import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { instant, timestamps } from "./columns";

export const jobRunStatus = pgEnum("job_run_status", ["queued", "running", "sleeping", "completed", "failed", "cancelled"]);

/** A step's stored outcome, keyed in `steps` by the step id as the Inngest SDK hashes it. */
export type StoredStep = { data: unknown } | { error: unknown };

/**
 * One run of an Inngest function under the local runner (no Inngest
 * configured): the triggering event, every finished step's result (so a
 * retried or restarted run never repeats a step that succeeded) and the sleep
 * it waits on. pg-boss holds the wake-ups; this table holds the truth.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    // Derived from the function and the event id, so a re-delivered event makes no second run.
    id: uuid("id").primaryKey(),
    functionId: text("function_id").notNull(),
    eventName: text("event_name").notNull(),
    event: jsonb("event").$type<{ id: string; name: string; data: Record<string, unknown>; ts: number }>().notNull(),
    idempotencyKey: text("idempotency_key"),
    status: jobRunStatus("status").notNull().default("queued"),
    steps: jsonb("steps").$type<Record<string, StoredStep>>().notNull().default({}),
    stepOrder: jsonb("step_order").$type<string[]>().notNull().default([]),
    /** Planned wake-up of each sleep step seen so far (hashed id → ISO instant). */
    sleeps: jsonb("sleeps").$type<Record<string, string>>().notNull().default({}),
    wakeAt: instant("wake_at"),
    /** Attempt of the step now being tried (0 = first); back to 0 once a step succeeds. */
    attempt: integer("attempt").notNull().default(0),
    lastError: text("last_error"),
    output: jsonb("output"),
    cancelledBy: text("cancelled_by"),
    finishedAt: instant("finished_at"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("job_runs_idempotency_idx")
      .on(t.functionId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    index("job_runs_status_idx").on(t.status, t.updatedAt),
    index("job_runs_active_function_idx")
      .on(t.functionId)
      .where(sql`${t.status} IN ('queued', 'running', 'sleeping')`),
  ],
);
