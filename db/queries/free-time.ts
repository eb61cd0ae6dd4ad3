import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** Stale rows of the free-time index (db/schema/free-time.ts), oldest computation first, with the version each was read at. */
export async function listStaleFreeTime(db: Db, input: { now: Date; limit: number; doctorIds?: string[] }): Promise<{ doctorId: string; version: number }[]> {
  const only = input.doctorIds ? sql`and doctor_id in (select unnest(${`{${input.doctorIds.join(",")}}`}::uuid[]))` : sql``;
  return (await db.execute(sql`
    select doctor_id as "doctorId", version::float8 as version
    from doctor_free_time
    where (computed_version is distinct from version or valid_until < ${input.now.toISOString()}::timestamptz) ${only}
    order by computed_at nulls first
    limit ${input.limit}`)) as unknown as { doctorId: string; version: number }[];
}

/**
 * Stores one doctor's answer, only if the row's version is still `version`;
 * valid until `validUntil` or just before the doctor's earliest unpaid hold
 * expires, whichever comes first. True when written.
 */
export async function storeFreeTime(
  db: Db,
  input: { doctorId: string; version: number; nextFreeAt: Date | null; doctorName: string | null; validUntil: Date; now: Date },
): Promise<boolean> {
  const written = (await db.execute(sql`
    update doctor_free_time
    set next_free_at = ${input.nextFreeAt?.toISOString() ?? null}::timestamptz,
        doctor_name = ${input.doctorName},
        valid_until = least(${input.validUntil.toISOString()}::timestamptz, (
          select min(a.hold_expires_at) - interval '1 millisecond' from appointments a
          where a.doctor_id = ${input.doctorId} and a.status = 'pending_payment' and a.hold_expires_at > ${input.now.toISOString()}::timestamptz)),
        computed_version = version,
        computed_at = ${input.now.toISOString()}::timestamptz
    where doctor_id = ${input.doctorId} and version = ${input.version}
    returning 1`)) as unknown as unknown[];
  return written.length === 1;
}
