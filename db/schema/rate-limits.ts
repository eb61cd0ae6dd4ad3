import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { instant } from "./columns";

/**
 * rate-limiter-flexible's counters (lib/security/rate-limits.ts): one row per
 * limit and key, points counted until `expire`, then started afresh by the
 * same upsert. The column names are the ones its Drizzle store reads. Keys are
 * stored as keyed hashes, never the email address or IP itself.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: instant("expire"),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);
