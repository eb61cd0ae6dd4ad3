import "server-only";
import type { Db } from "../client";
import { outboxEvents } from "../schema";

/** Written in the caller's transaction, so an event exists exactly when its change does. */
export async function enqueueOutboxEvent(db: Db, name: string, payload: Record<string, unknown>): Promise<string> {
  const [row] = await db.insert(outboxEvents).values({ name, payload }).returning({ id: outboxEvents.id });
  return row.id;
}
