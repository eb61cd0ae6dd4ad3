import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgTable, smallint, uuid } from "drizzle-orm/pg-core";
import { id, localTime, timestamps } from "./columns";
import { users } from "./users";

/** Weekly open hours in the doctor's own zone; weekday is ISO (1 = Monday). */
export const availabilityRules = pgTable(
  "availability_rules",
  {
    id: id(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    startTime: localTime("start_time").notNull(),
    endTime: localTime("end_time").notNull(),
    ...timestamps(),
  },
  (t) => [
    index("availability_rules_doctor_id_idx").on(t.doctorId, t.weekday),
    check("availability_rules_weekday_range", sql`${t.weekday} between 1 and 7`),
    check("availability_rules_end_after_start", sql`${t.endTime} > ${t.startTime}`),
  ],
);

/** A date's hours replacing the weekly rules: closed, or one row per custom range. */
export const availabilityOverrides = pgTable(
  "availability_overrides",
  {
    id: id(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    closed: boolean("closed").notNull().default(false),
    startTime: localTime("start_time"),
    endTime: localTime("end_time"),
    ...timestamps(),
  },
  (t) => [
    index("availability_overrides_doctor_date_idx").on(t.doctorId, t.date),
    check(
      "availability_overrides_hours_shape",
      sql`(${t.closed} and ${t.startTime} is null and ${t.endTime} is null) or (not ${t.closed} and ${t.startTime} is not null and ${t.endTime} > ${t.startTime})`,
    ),
  ],
);
