// One test file's way into the run's database (tests/global-setup.ts makes and
// migrates it). Every file shares that database with files running in
// parallel, so nothing is truncated: tests build their own rows with
// tests/factories.ts and only ever look at those.
import { afterAll, inject } from "vitest";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";

/**
 * This file's own pool, for the tests and their builders. It connects on the
 * first query; after the file's last test it is closed, and so is the app's
 * pool (lib/db.ts) that services and route handlers reading through getDb()
 * open. `max` is how many statements the file runs at once (10 by default).
 */
export function useTestDb(options: { max?: number } = {}): Db {
  const handle = connectDatabase(inject("databaseUrl"), options);
  afterAll(async () => {
    await handle.close();
    const app = globalThis as { __careslotDb?: DatabaseHandle };
    await app.__careslotDb?.close();
    app.__careslotDb = undefined;
  });
  return handle.db;
}
