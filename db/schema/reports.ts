import { sql } from "drizzle-orm";
import { date, jsonb, pgEnum, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { users } from "./users";

export const reportKind = pgEnum("report_kind", ["doctor_monthly", "system_monthly"]);

/** Monthly figures, computed by a job and stored; recomputing a month replaces its row. */
export const reports = pgTable(
  "reports",
  {
    id: id(),
    kind: reportKind("kind").notNull(),
    doctorId: uuid("doctor_id").references(() => users.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    figures: jsonb("figures").notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("reports_kind_doctor_month_key").on(t.kind, sql`coalesce(${t.doctorId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.month)],
);
