import { sql } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);

export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A wall-clock time of day as the app speaks it, "HH:MM", in a PostgreSQL
 * `time` column. The driver answers "HH:MM:SS" ("24:00:00" included); seconds
 * are never set, so reading drops them and every reader gets "HH:MM".
 */
export const localTime = customType<{ data: string; driverData: string }>({
  dataType: () => "time",
  fromDriver: (value) => value.slice(0, 5),
});

export const timestamps = () => ({
  createdAt: instant("created_at").notNull().defaultNow(),
  updatedAt: instant("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
