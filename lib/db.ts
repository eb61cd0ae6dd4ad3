import "server-only";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { env } from "@/lib/env";

// The app's database: db/ reads no configuration (it imports nothing from lib/),
// so the pool is opened here, from the validated environment.

// One pool per server process; kept on globalThis so dev hot reloads reuse it.
const holder = globalThis as unknown as { __careslotDb?: DatabaseHandle };

export function getDb(): Db {
  holder.__careslotDb ??= connectDatabase(env().DATABASE_URL, { max: env().DATABASE_POOL_SIZE });
  return holder.__careslotDb.db;
}
