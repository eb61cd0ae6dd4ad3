import "server-only";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { env } from "@/lib/env";
import { ensureDataKeys } from "@/lib/data-keys";

// The app's database: db/ reads no configuration (it imports nothing from lib/),
// so the pool is opened here, from the validated environment, and the data
// encryption keys are registered here.

// One pool per server process; kept on globalThis so dev hot reloads reuse it.
const holder = globalThis as unknown as { __careslotDb?: DatabaseHandle };

export function getDb(): Db {
  // The encrypted columns (db/schema/columns.ts) need the keys before the first query.
  ensureDataKeys(env);
  holder.__careslotDb ??= connectDatabase(env().DATABASE_URL, { max: env().DATABASE_POOL_SIZE });
  return holder.__careslotDb.db;
}
