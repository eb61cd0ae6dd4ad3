import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { instant } from "./columns";
import { users } from "./users";

/**
 * The free-time index: each doctor's first free slot as the slot engine saw it,
 * so a search over 10,000 doctors filters and sorts on one indexed column
 * instead of running the engine for each (lib/search/free-time.ts).
 *
 * A row is FRESH while `computed_version = version` and `now() <= valid_until`;
 * only then is `next_free_at` the engine's answer. Triggers (migration 0023)
 * bump `version` in the same transaction as every change the engine reads —
 * appointments, weekly hours, date overrides, the doctor's booking settings,
 * the account's active flag and name — and `valid_until` is when time alone could
 * change the answer (the slot passing the minimum notice, a payment hold
 * expiring). A stale row is never trusted: the search falls back to its SQL
 * lower bound and the engine, and the job runner recomputes it.
 */
export const doctorFreeTime = pgTable(
  "doctor_free_time",
  {
    doctorId: uuid("doctor_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The first free slot's start at `computed_at`, or null when the horizon had none. */
    nextFreeAt: instant("next_free_at"),
    validUntil: instant("valid_until"),
    /** The doctor's name when computed (a rename bumps the version): ties on the instant come in name order from the index. */
    doctorName: text("doctor_name"),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    /** The `version` the answer was computed for; null until the first computation. */
    computedVersion: bigint("computed_version", { mode: "number" }),
    computedAt: instant("computed_at"),
  },
  // "Earliest first" reads computed rows in this order and stops at the page's end (db/queries/search-earliest.ts).
  (t) => [
    index("doctor_free_time_computed_order_idx")
      .on(t.nextFreeAt, sql`doctor_name collate "C"`, t.doctorId)
      .where(sql`computed_version = version`),
  ],
);
