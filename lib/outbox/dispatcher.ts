import "server-only";
import type { Db } from "@/db/client";
import { claimPendingOutboxEvents, markOutboxEventsSent, recordOutboxFailure } from "@/db/queries/outbox";
import type { OutboxEventMessage, SendEvents } from "@/lib/jobs/engine";

export type { OutboxEventMessage, SendEvents };

export interface DeliveryReport {
  sent: number;
  failed: number;
  error?: string;
}

const BATCH_SIZE = 50;

/**
 * Sends one batch of pending rows. The rows stay locked (FOR UPDATE SKIP
 * LOCKED) while the request to Inngest is in flight, so a dispatcher on
 * another server takes different rows; they are marked sent only once Inngest
 * has accepted them. A failure leaves them pending with the reason.
 */
export async function deliverOutboxBatch(db: Db, send: SendEvents, options: { limit?: number; now?: () => Date } = {}): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  return db.transaction(async (tx) => {
    const rows = await claimPendingOutboxEvents(tx, options.limit ?? BATCH_SIZE);
    if (rows.length === 0) return { sent: 0, failed: 0 };
    const ids = rows.map((row) => row.id);
    try {
      await send(rows.map((row) => ({ id: row.id, name: row.name, data: (row.payload ?? {}) as Record<string, unknown>, ts: row.createdAt.getTime() })));
    } catch (error) {
      const message = describeError(error);
      await recordOutboxFailure(tx, ids, message);
      return { sent: 0, failed: rows.length, error: message };
    }
    await markOutboxEventsSent(tx, ids, now());
    return { sent: rows.length, failed: 0 };
  });
}

/**
 * Drains the backlog batch by batch; stops at the first failure, since the
 * job runner is then most likely down and the next request or sweep retries.
 */
export async function deliverPendingOutbox(
  db: Db,
  send: SendEvents,
  options: { limit?: number; maxBatches?: number; now?: () => Date } = {},
): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const report = await deliverOutboxBatch(db, send, options);
    total.sent += report.sent;
    total.failed += report.failed;
    if (report.error) return { ...total, error: report.error };
    if (report.sent < (options.limit ?? BATCH_SIZE)) break;
  }
  return total;
}

/**
 * One delivery at a time per process: asked again while one runs, it runs
 * once more when that one ends (the rows written meanwhile may have been
 * claimed too late for it). A burst of a hundred bookings then costs a few
 * deliveries, not a hundred empty transactions racing for the same rows.
 */
export function coalescedDelivery(deliver: () => Promise<DeliveryReport>): () => Promise<DeliveryReport | null> {
  let running: Promise<DeliveryReport | null> | null = null;
  let again = false;
  const loop = async (): Promise<DeliveryReport | null> => {
    let report: DeliveryReport | null = null;
    do {
      again = false;
      report = await deliver();
    } while (again && !report.error);
    return report;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch failures hide the reason (ECONNREFUSED, timeout) in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return `${error.message}${detail}`;
}
