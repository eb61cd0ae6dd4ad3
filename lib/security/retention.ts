import "server-only";
import type { Db } from "@/db/client";
import { clearEmailBodiesBefore } from "@/db/queries/emails";
import { getAppSettings } from "@/db/queries/settings";
import { deleteThrottlesIdleSince } from "@/db/queries/sign-in-throttle";

// Retention, run daily by inngest/functions/purge-expired-data.ts, with the
// periods the admin set (/admin/settings, default 90 days):
// - emails: the body (html, text, attachments) of every email older than the
//   period is cleared; the row stays (address, subject, template, status,
//   provider id) as delivery history, and for the idempotency checks that
//   ask whether an email already went out.
// - sign_in_throttle: a row (the normalised email and its failed-attempt
//   count) not touched for the period is deleted.
// rate_limits needs no period: its keys are keyed hashes, and the outbox
// sweep deletes each counter, every minute, once its window (at most an hour) ended.

const DAY_MS = 86_400_000;
const EMAIL_BATCH = 1000;

export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Clears the bodies of emails older than the retention period, in batches; returns how many. */
export async function purgeOldEmailBodies(db: Db, now: Date, options: { batchSize?: number } = {}): Promise<number> {
  const { emailBodyRetentionDays } = await getAppSettings(db);
  const before = retentionCutoff(now, emailBodyRetentionDays);
  const batchSize = options.batchSize ?? EMAIL_BATCH;
  let total = 0;
  let cleared: number;
  do {
    cleared = await clearEmailBodiesBefore(db, before, batchSize);
    total += cleared;
  } while (cleared === batchSize);
  return total;
}

/** Deletes failed-sign-in counts idle for longer than the retention period; returns how many. */
export async function purgeOldSignInRecords(db: Db, now: Date): Promise<number> {
  const { signInRecordRetentionDays } = await getAppSettings(db);
  return deleteThrottlesIdleSince(db, retentionCutoff(now, signInRecordRetentionDays));
}
