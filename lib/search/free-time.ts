import "server-only";
import type { Db } from "@/db/client";
import { listStaleFreeTime, storeFreeTime } from "@/db/queries/free-time";
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
  const stale = await listStaleFreeTime(db, { now, limit, doctorIds: options.doctorIds });

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
  return storeFreeTime(db, {
    doctorId: row.doctorId,
    version: row.version,
    nextFreeAt: slot?.startsAt ?? null,
    doctorName: doctor?.fullName ?? null,
    validUntil: new Date(validUntil),
    now,
  });
}

/** The first free slot a fresh index row gives, labelled for the viewer as the engine would. */
export function indexedFirstSlot(row: { nextFreeAtMs: number | null; timeZone: string; slotMinutes: number }, viewerTimeZone: string): Slot | null {
  return row.nextFreeAtMs === null ? null : slotAt(new Date(row.nextFreeAtMs), row, viewerTimeZone);
}
