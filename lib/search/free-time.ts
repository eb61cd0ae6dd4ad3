import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getBookableDoctor } from "@/db/queries/profiles";
import { slotAt, type Slot } from "@/lib/scheduling";
import { firstFreeSlot } from "./first-slot";

const MINUTE_MS = 60_000;
/** A doctor with no free slot in their horizon is looked at again this often (the horizon's end moves on). */
const EMPTY_RECHECK_MS = 15 * MINUTE_MS;
/** However quiet a doctor is, their answer is recomputed at least daily. */
const LONGEST_VALIDITY_MS = 24 * 60 * MINUTE_MS;
const CONCURRENCY = 4;

export interface FreeTimeRefresh {
  refreshed: number;
  /** Rows that changed again while being computed: still stale, taken up by the next refresh. */
  raced: number;
  /** True when the batch was full: more stale rows may be waiting. */
  more: boolean;
}

/**
 * Recomputes stale rows of the free-time index (db/schema/free-time.ts) with
 * the slot engine, oldest first, at most `limit` of them. Each answer is
 * written only if the row's version is still the one read BEFORE the engine's
 * inputs were: a booking or edit committed in between bumped it, so the write
 * matches nothing and the row stays stale rather than wrong. The job runner
 * calls this every minute (inngest/functions/refresh-free-time.ts).
 */
export async function refreshFreeTime(db: Db, options: { now?: Date; limit?: number; doctorIds?: string[] } = {}): Promise<FreeTimeRefresh> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 500;
  const only = options.doctorIds ? sql`and doctor_id in (select unnest(${`{${options.doctorIds.join(",")}}`}::uuid[]))` : sql``;
  const stale = (await db.execute(sql`
    select doctor_id as "doctorId", version::float8 as version
    from doctor_free_time
    where (computed_version is distinct from version or valid_until < ${now.toISOString()}::timestamptz) ${only}
    order by computed_at nulls first
    limit ${limit}`)) as unknown as { doctorId: string; version: number }[];

  let refreshed = 0;
  let raced = 0;
  for (let i = 0; i < stale.length; i += CONCURRENCY) {
    const written = await Promise.all(stale.slice(i, i + CONCURRENCY).map((row) => recompute(db, row, now)));
    refreshed += written.filter(Boolean).length;
    raced += written.filter((ok) => !ok).length;
  }
  return { refreshed, raced, more: stale.length === limit };
}

async function recompute(db: Db, row: { doctorId: string; version: number }, now: Date): Promise<boolean> {
  const doctor = await getBookableDoctor(db, row.doctorId);
  const slot = doctor ? await firstFreeSlot(db, doctor, { now, viewerTimeZone: "UTC" }) : null;
  const noticeMs = (doctor?.minimumNoticeHours ?? 0) * 60 * MINUTE_MS;
  // Time alone changes the answer when the slot passes the minimum notice, or a payment hold expires and frees time before it.
  // The row holds while now ≤ valid_until: a slot exactly `notice` ahead is still offered, a hold stops blocking at its expiry.
  const validUntil = Math.min(now.getTime() + LONGEST_VALIDITY_MS, slot ? slot.startsAt.getTime() - noticeMs : now.getTime() + EMPTY_RECHECK_MS);
  const written = (await db.execute(sql`
    update doctor_free_time
    set next_free_at = ${slot?.startsAt.toISOString() ?? null}::timestamptz,
        doctor_name = ${doctor?.fullName ?? null},
        valid_until = least(${new Date(validUntil).toISOString()}::timestamptz, (
          select min(a.hold_expires_at) - interval '1 millisecond' from appointments a
          where a.doctor_id = ${row.doctorId} and a.status = 'pending_payment' and a.hold_expires_at > ${now.toISOString()}::timestamptz)),
        computed_version = version,
        computed_at = ${now.toISOString()}::timestamptz
    where doctor_id = ${row.doctorId} and version = ${row.version}
    returning 1`)) as unknown as unknown[];
  return written.length === 1;
}

/** The first free slot a fresh index row gives, labelled for the viewer as the engine would. */
export function indexedFirstSlot(row: { nextFreeAtMs: number | null; timeZone: string; slotMinutes: number }, viewerTimeZone: string): Slot | null {
  return row.nextFreeAtMs === null ? null : slotAt(new Date(row.nextFreeAtMs), row, viewerTimeZone);
}
