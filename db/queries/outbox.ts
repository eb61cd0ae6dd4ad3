import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { v5 as uuidv5 } from "uuid";
import type { Db } from "../client";
import { outboxEvents } from "../schema";

const OUTBOX_ID_NAMESPACE = "5b0c6a52-3c55-4a8e-9a51-8f3c2d7f0b11";

/**
 * Written in the caller's transaction, so an event exists exactly when its
 * change does. A dedupe key (an event id chosen by a job) makes the row id
 * derived from it, so writing the same event twice leaves one row.
 * Untyped on purpose (db/ knows no events): services call lib/outbox/enqueue.ts,
 * which checks the name and payload against inngest/events.ts. The only other
 * caller is the local runner's sink in inngest/client.ts, which relays events a
 * function already built with its event type.
 */
export async function insertOutboxEvent(db: Db, name: string, payload: Record<string, unknown>, options: { dedupeKey?: string } = {}): Promise<string> {
  if (options.dedupeKey) {
    const id = uuidv5(options.dedupeKey, OUTBOX_ID_NAMESPACE);
    await db.insert(outboxEvents).values({ id, name, payload }).onConflictDoNothing();
    return id;
  }
  const [row] = await db.insert(outboxEvents).values({ name, payload }).returning({ id: outboxEvents.id });
  return row.id;
}

export type PendingOutboxEvent = { id: string; name: string; payload: unknown; createdAt: Date };

/**
 * The oldest pending rows, locked until the caller's transaction ends. SKIP
 * LOCKED lets a second dispatcher (another server, the cron sweep) take the
 * next rows instead of waiting for, or re-sending, these.
 */
export function claimPendingOutboxEvents(db: Db, limit: number): Promise<PendingOutboxEvent[]> {
  return db
    .select({ id: outboxEvents.id, name: outboxEvents.name, payload: outboxEvents.payload, createdAt: outboxEvents.createdAt })
    .from(outboxEvents)
    .where(eq(outboxEvents.status, "pending"))
    .orderBy(asc(outboxEvents.createdAt), asc(outboxEvents.id))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function markOutboxEventsSent(db: Db, ids: string[], sentAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outboxEvents)
    .set({ status: "sent", sentAt, attempts: sql`${outboxEvents.attempts} + 1`, lastError: null })
    .where(and(inArray(outboxEvents.id, ids), eq(outboxEvents.status, "pending")));
}

/** The rows stay pending; the count and the reason are what the admin outbox page shows. */
export async function recordOutboxFailure(db: Db, ids: string[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outboxEvents)
    .set({ attempts: sql`${outboxEvents.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(and(inArray(outboxEvents.id, ids), eq(outboxEvents.status, "pending")));
}

export interface OutboxSummary {
  pending: number;
  oldestPendingAt: Date | null;
  lastSentAt: Date | null;
  lastError: { message: string; at: Date; eventName: string; attempts: number } | null;
}

export async function getOutboxSummary(db: Db): Promise<OutboxSummary> {
  const [counts] = await db
    .select({ pending: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${outboxEvents.createdAt})` })
    .from(outboxEvents)
    .where(eq(outboxEvents.status, "pending"));
  const [sent] = await db
    .select({ last: sql<Date | null>`max(${outboxEvents.sentAt})` })
    .from(outboxEvents)
    .where(eq(outboxEvents.status, "sent"));
  // A failure is recorded on the pending rows it concerned; once delivered, the error is cleared.
  const [failed] = await db
    .select({ message: outboxEvents.lastError, at: outboxEvents.updatedAt, eventName: outboxEvents.name, attempts: outboxEvents.attempts })
    .from(outboxEvents)
    .where(and(eq(outboxEvents.status, "pending"), isNotNull(outboxEvents.lastError)))
    .orderBy(desc(outboxEvents.updatedAt))
    .limit(1);
  const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    pending: counts?.pending ?? 0,
    oldestPendingAt: asDate(counts?.oldest ?? null),
    lastSentAt: asDate(sent?.last ?? null),
    lastError: failed?.message ? { message: failed.message, at: failed.at, eventName: failed.eventName, attempts: failed.attempts } : null,
  };
}

export function listPendingOutboxEvents(db: Db, limit = 20) {
  return db
    .select({
      id: outboxEvents.id,
      name: outboxEvents.name,
      attempts: outboxEvents.attempts,
      lastError: outboxEvents.lastError,
      createdAt: outboxEvents.createdAt,
    })
    .from(outboxEvents)
    .where(eq(outboxEvents.status, "pending"))
    .orderBy(asc(outboxEvents.createdAt))
    .limit(limit);
}
