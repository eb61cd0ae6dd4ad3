import "server-only";
import { getDb } from "@/lib/db";
import type { Db } from "@/db/client";
// The client is a leaf module (no imports from lib/ rooms above it), so this reach into inngest/ makes no cycle.
import { inngest } from "@/inngest/client";
import { env } from "@/lib/env";
import { jobRunnerFor } from "@/lib/jobs/engine";
import { appJobQueue, sendToLocalQueue } from "@/lib/jobs/queue";
import { appRequestYield } from "@/lib/jobs/yield-to-requests";
import { logger } from "@/lib/logger";
import { coalescedDelivery, deliverPendingOutbox, type DeliveryReport, type SendEvents } from "./dispatcher";

export { coalescedDelivery, deliverOutboxBatch, deliverPendingOutbox, type DeliveryReport, type OutboxEventMessage, type SendEvents } from "./dispatcher";

/** Sends to the configured Inngest (cloud, dev server or INNGEST_BASE_URL). */
export const sendToInngest: SendEvents = (events) => inngest.send(events);

/** Sends to the job runner this server was configured with: Inngest, or the local runner's queue. */
export const sendToJobRunner: SendEvents = async (events) => {
  if (jobRunnerFor(env()) === "inngest") return sendToInngest(events);
  return sendToLocalQueue(await appJobQueue())(events);
};

export function deliverOutbox(db: Db = getDb()): Promise<DeliveryReport> {
  return deliverPendingOutbox(db, sendToJobRunner);
}

/**
 * For after(): runs once the response has gone, never throws. A failure is
 * already recorded on the rows (attempts, last_error) and retried by the next
 * request that writes and by the sweep cron; the user never waits for it.
 */
// Kept on globalThis like the pool: Next bundles routes apart, and all of them share this process's delivery.
const holder = globalThis as unknown as { __careslotAfterResponseDelivery?: () => Promise<DeliveryReport | null> };

export async function deliverOutboxQuietly(): Promise<void> {
  holder.__careslotAfterResponseDelivery ??= coalescedDelivery(async () => {
    // The local runner shares this process: its hand-over waits while requests keep the server busy (the rows are safe meanwhile).
    if (jobRunnerFor(env()) === "local") await appRequestYield().wait();
    return deliverOutbox();
  });
  try {
    const report = await holder.__careslotAfterResponseDelivery();
    if (report?.error) logger.warn({ pending: report.failed, error: report.error }, "outbox delivery failed; events stay pending");
  } catch (error) {
    logger.error({ err: error }, "outbox delivery crashed; events stay pending");
  }
}
