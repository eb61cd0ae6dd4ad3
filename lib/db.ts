import "server-only";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { env } from "@/lib/env";
import { ensureDataKeys } from "@/lib/data-keys";

// The app's database: db/ reads no configuration (it imports nothing from lib/),
// so the pool is opened here, from the validated environment, and the data
// encryption keys are registered here.

// One pool per server process; kept on globalThis so dev hot reloads reuse it.
const holder = globalThis as unknown as { __careslotDb?: DatabaseHandle; __careslotReadDb?: DatabaseHandle };

/** The primary: every write, and every read that must see the caller's own writes. */
export function getDb(): Db {
  // The encrypted columns (db/schema/columns.ts) need the keys before the first query.
  ensureDataKeys(env);
  holder.__careslotDb ??= connectDatabase(env().DATABASE_URL, { max: env().DATABASE_POOL_SIZE });
  return holder.__careslotDb.db;
}

/**
 * The read replica (DATABASE_READ_URL) when one is configured, else the primary. Only for
 * what anyone may see and nobody just wrote: the doctor search and the public doctor
 * pages. A replica lags the primary by a moment, so a booking, an edit, a signed-in
 * visitor's own data and anything read to decide a write go through getDb() (the booking
 * re-checks its slot on the primary, inside its transaction, whatever the page showed).
 */
export function getReadDb(): Db {
  const url = env().DATABASE_READ_URL;
  if (!url) return getDb();
  ensureDataKeys(env);
  holder.__careslotReadDb ??= connectDatabase(url, { max: env().DATABASE_POOL_SIZE });
  return holder.__careslotReadDb.db;
}

/** Closes the pools (graceful shutdown: lib/lifecycle/shutdown.ts); a later getDb() would open a new one. */
export async function closeDatabases(): Promise<void> {
  const handles = [holder.__careslotDb, holder.__careslotReadDb];
  holder.__careslotDb = undefined;
  holder.__careslotReadDb = undefined;
  await Promise.all(handles.map((handle) => handle?.close()));
}
