import type { Db } from "./client";

/**
 * Runs one hand-written statement as a prepared statement: PostgreSQL parses
 * and plans it once per connection, and no query is built in JavaScript. For the
 * few hot statements only (the booking path, db/queries/booking.ts); everything
 * else goes through Drizzle's builders.
 *
 * It goes through the Drizzle handle's own session, so it runs on the
 * transaction's connection when given a transaction, and Drizzle's logger sees
 * it like any other statement. Rows come back as postgres.js gives them to
 * Drizzle: column names as written, timestamps as strings, json parsed.
 * Parameters are bound as given: pass timestamps as ISO strings and json as
 * strings (Drizzle's setup of the driver serialises neither), and cast them in
 * the statement.
 */
export async function preparedRows<Row>(db: Db, name: string, text: string, params: unknown[]): Promise<Row[]> {
  const statement = db._.session.prepareQuery<{ execute: Row[]; all: Row[]; values: unknown }>({ sql: text, params }, undefined, name, false);
  return statement.execute();
}
