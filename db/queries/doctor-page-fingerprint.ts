import { sql } from "drizzle-orm";
import type { Db } from "../client";

/**
 * What a doctor's public page shows, summed up in one string that changes whenever the page
 * would: the free-time index's version (bumped in the same transaction as every booking,
 * cancellation, hold, hours, override, setting, name or active-flag change: migration 0023),
 * whether its first free time is still ahead of the minimum notice (`valid_until`: time alone
 * changes the slots then), the ratings summary, the profile's and the account's last edit, and
 * the reviews' count and last edit (a reply, a moderation). One indexed query per page load.
 *
 * Null when the doctor has no profile (the page is a 404, never kept).
 */
export async function doctorPageFingerprint(db: Db, doctorId: string): Promise<string | null> {
  const rows = await db.execute<{ fingerprint: string | null }>(sql`
    select concat_ws('|',
      coalesce((select version::text || ':' || (coalesce(valid_until, 'infinity') > now())::text from doctor_free_time where doctor_id = ${doctorId}), '-'),
      coalesce((select visible_count || '/' || rating_sum from doctor_ratings where doctor_id = ${doctorId}), '-'),
      (select extract(epoch from updated_at)::text from users where id = ${doctorId}),
      (select count(*) || '/' || coalesce(extract(epoch from max(updated_at))::text, '-') from reviews where doctor_id = ${doctorId})
    ) || '|' || extract(epoch from p.updated_at)::text as fingerprint
    from doctor_profiles p where p.user_id = ${doctorId}`);
  return rows[0]?.fingerprint ?? null;
}
