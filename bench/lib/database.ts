// The bench's own database: never the developer's. On DATABASE_URL's server
// when that is set, else an embedded PostgreSQL 15 on a port of its own.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase } from "../../db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "../../scripts/lib/database-server";

const DATABASE = "careslot_bench";

export interface BenchDatabase {
  url: string;
  /** "embedded :54332" or the host:port of DATABASE_URL's server. */
  server: string;
  version: string;
  close: () => Promise<void>;
}

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const server = await startDatabaseServer({ name: "pg-bench", port: 54332 });
  try {
    const url = await ensureDatabase(server.adminUrl, DATABASE, { fresh: true });
    await migrateDatabase(url);
    return {
      url,
      server: process.env.DATABASE_URL ? new URL(server.adminUrl).host : "embedded :54332",
      version: await versionOf(url),
      close: async () => {
        try {
          await dropDatabase(server.adminUrl, DATABASE);
        } finally {
          await server.stop();
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The services read the validated environment (payments decide whether a
 * booking is a hold). The bench measures the pay-at-the-clinic path, so no
 * Stripe or mail provider is ever called, and it points at the bench database.
 */
export function setBenchEnvironment(url: string): void {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= randomBytes(33).toString("base64");
  process.env.DATA_ENCRYPTION_KEYS = `bench:${randomBytes(32).toString("base64")}`;
  delete process.env.DATA_ENCRYPTION_KEY_ID;
  process.env.LOG_LEVEL ??= "warn";
  // Parts 7 and 8 (bench/api.ts, bench/http.ts) call the public API from one address: the anonymous 100 an hour would answer 429s.
  // The standalone servers of part 8 inherit it (scripts/lib/standalone-cluster.ts passes process.env on).
  process.env.API_RATE_LIMIT_ANONYMOUS_PER_HOUR = "100000000";
  for (const name of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY", "INNGEST_EVENT_KEY"]) delete process.env[name];
}

async function versionOf(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row!.server_version.split(" ")[0]!;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** What a bench part's standalone server runs with: the bench database, its keys, the dev mailbox and the local job runner. */
export function benchServerEnv(url: string): Record<string, string | undefined> {
  return {
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: "10",
    AUTH_SECRET: process.env.AUTH_SECRET,
    DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS,
    DEV_MAILBOX: "1",
    JOB_RUNNER: "local",
    LOG_LEVEL: "warn",
  };
}
