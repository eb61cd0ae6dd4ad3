// A database of its own for tests that must see every row of a table (the
// outbox sweep, system-wide report totals): the shared test database has other
// files writing to it in parallel.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { connectDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/scripts/lib/database-server";

export interface IsolatedDatabase extends DatabaseHandle {
  url: string;
  drop: () => Promise<void>;
}

export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const adminUrl = databaseUrl(inject("databaseUrl"), "postgres");
  const name = `careslot_${label}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const url = await ensureDatabase(adminUrl, name, { fresh: true });
  await migrateDatabase(url);
  const handle = connectDatabase(url, { max: 6 });
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await dropDatabase(adminUrl, name);
    },
  };
}
