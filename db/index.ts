import "server-only";
import { env } from "@/lib/env";
import { connectDatabase, type DatabaseHandle, type Db } from "./client";

export type { Db } from "./client";

// One pool per server process; kept on globalThis so dev hot reloads reuse it.
const holder = globalThis as unknown as { __careslotDb?: DatabaseHandle };

export function getDb(): Db {
  holder.__careslotDb ??= connectDatabase(env().DATABASE_URL, { max: env().DATABASE_POOL_SIZE });
  return holder.__careslotDb.db;
}
