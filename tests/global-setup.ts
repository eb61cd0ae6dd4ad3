import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../db/migrate";
import { ensureDatabase, startDatabaseServer } from "../scripts/lib/database-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** A fresh, migrated database for this run, on DATABASE_URL's server or an embedded one. */
export default async function setup(project: TestProject) {
  const server = await startDatabaseServer({ name: "pg-test", port: 54330 });
  const url = await ensureDatabase(server.adminUrl, "careslot_vitest", { fresh: true });
  await migrateDatabase(url);
  project.provide("databaseUrl", url);
  return async () => {
    await server.stop();
  };
}
