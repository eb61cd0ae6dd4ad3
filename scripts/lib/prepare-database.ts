import { migrateDatabase } from "../../db/migrate";
import { connectDatabase } from "../../db/client";
import { seedDemoData } from "../../db/seed";
import { ensureDatabase, startDatabaseServer, type DatabaseServer } from "./database-server";

/**
 * A migrated, seeded database for a local run: DATABASE_URL as given, or a
 * database on the embedded PostgreSQL (created on first use).
 */
export async function prepareDatabase(options: {
  embeddedName: string;
  port: number;
  database: string;
  fresh?: boolean;
}): Promise<{ url: string; server: DatabaseServer }> {
  const server = await startDatabaseServer({ name: options.embeddedName, port: options.port });
  const url =
    process.env.DATABASE_URL && !options.fresh ? process.env.DATABASE_URL : await ensureDatabase(server.adminUrl, options.database, { fresh: options.fresh });
  await migrateDatabase(url);
  const handle = connectDatabase(url, { max: 1 });
  try {
    await seedDemoData(handle.db);
  } finally {
    await handle.close();
  }
  return { url, server };
}
