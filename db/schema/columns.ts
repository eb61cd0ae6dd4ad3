import { sql } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { decryptText, encryptText } from "../crypto";

export const id = () =>
  uuid("id")
    .primaryKey()
    .default(sql`gen_random_uuid()`);

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

/**
 * A text column the app encrypts (db/crypto.ts): written as a
 * "v1:<key id>:<iv>:<tag>:<ciphertext>" envelope, read back as the plaintext.
 * The column is plain `text` in PostgreSQL, so no query may filter, sort or
 * search on it. "<table>.<column>" is bound into each value: a value copied
 * into another column does not decrypt, and renaming the column needs its
 * values rewritten (scripts/rotate-data-key.ts). A value written before
 * encryption (not an envelope) reads as it is until rewritten.
 */
export const encryptedText = (table: string, name: string) =>
  customType<{ data: string; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => encryptText(value, `${table}.${name}`),
    fromDriver: (value) => decryptText(value, `${table}.${name}`),
  })(name);

export const timestamps = () => ({
  createdAt: instant("created_at").notNull().defaultNow(),
  updatedAt: instant("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
