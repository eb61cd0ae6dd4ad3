import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { countJobRunsByStatus } from "@/db/queries/job-runs";
import { getOutboxSummary } from "@/db/queries/outbox";
import { appMetrics } from "./metrics";

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsAuthorized(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The exposition text: this process's counters, plus the shared queue read from PostgreSQL now. */
export async function scrapeMetrics(db: Db, now: Date): Promise<{ body: string; contentType: string }> {
  const metrics = appMetrics();
  const [outbox, runs] = await Promise.all([getOutboxSummary(db), countJobRunsByStatus(db)]);
  metrics.outboxPending.set(outbox.pending);
  metrics.outboxOldestPendingSeconds.set(outbox.oldestPendingAt ? Math.max(0, (now.getTime() - outbox.oldestPendingAt.getTime()) / 1000) : 0);
  for (const [status, count] of Object.entries(runs)) metrics.jobRuns.set({ status }, count);
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
