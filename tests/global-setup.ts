import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "../scripts/lib/database-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** A fresh, migrated database for this run, on DATABASE_URL's server or an embedded one. */
export default async function setup(project: TestProject) {
  const server = await startDatabaseServer({ name: "pg-test", port: 54330 });
  // One database per run, so two developers' runs on one server never drop each other's.
  const name = `careslot_vitest_${process.pid}`;
  const url = await ensureDatabase(server.adminUrl, name, { fresh: true });
  await migrateDatabase(url);
  project.provide("databaseUrl", url);
  return async () => {
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  };
}
