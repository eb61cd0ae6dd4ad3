// Runs what the outbox holds for a function, as delivery would hand it over:
// for tests of a service whose email is an outbox event written with its change.
import { InngestTestEngine } from "@inngest/test";
import { and, asc, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEvents } from "@/db/schema";
import { defineFunction } from "../local/definitions";
import type { AnyFunction } from "../local/execute";

/** The outbox rows (pending or sent) that start `fn` and whose payload contains `match`, oldest first. */
export function outboxEventsFor(db: Db, fn: AnyFunction, match: Record<string, unknown>) {
  const names = defineFunction(fn).events.map((event) => event.name);
  return db
    .select()
    .from(outboxEvents)
    .where(and(inArray(outboxEvents.name, names), sql`${outboxEvents.payload} @> ${JSON.stringify(match)}::jsonb`))
    .orderBy(asc(outboxEvents.createdAt), asc(outboxEvents.id));
}

/** Runs `fn` under @inngest/test once per matching row (the row id as the event id); returns each run's result. */
export async function runFromOutbox(db: Db, fn: AnyFunction, match: Record<string, unknown>): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const row of await outboxEventsFor(db, fn, match)) {
    const event = { id: row.id, name: row.name, data: (row.payload ?? {}) as Record<string, unknown>, ts: row.createdAt.getTime() };
    const { result, error } = await new InngestTestEngine({ function: fn, events: [event as never] }).execute();
    if (error) throw error;
    results.push(result);
  }
  return results;
}
