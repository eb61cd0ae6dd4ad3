/**
 * `npm run dev`: an embedded PostgreSQL (unless DATABASE_URL is set), migrated
 * and seeded, anything stored before encryption existed encrypted, then
 * `next dev` pointed at it. Stops the database on exit.
 */
import { spawn } from "node:child_process";
import { EnvError } from "../lib/env-schema";
import { EmbeddedPostgresAccessError } from "./lib/embedded-access";
import { localAuthSecret, localDataKeys } from "./lib/local-secret";
import { prepareDatabase } from "./lib/prepare-database";
import { describeReencryption, reencryptWith } from "./lib/reencrypt";
import { allowServerOnlyImports } from "./lib/server-only-hook";

const port = process.env.PORT ?? "3000";
const { url, server } = await prepareDatabase({ embeddedName: "pg-dev", port: 54329, database: "careslot" }).catch((error: unknown) => {
  // A set-up problem the user can fix gets its explanation, not a stack trace.
  if (!(error instanceof EmbeddedPostgresAccessError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
});
console.log(`database ready (${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL on port 54329, data in .data/pg-dev"})`);

const env = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? localAuthSecret(),
  DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS ?? localDataKeys(),
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
};

// A database from before encryption at rest (or a key rotated in .env): rewritten under the current key first.
allowServerOnlyImports();
try {
  const reencrypted = await reencryptWith(env);
  if (reencrypted.rows > 0 || reencrypted.files > 0 || reencrypted.missingFiles.length > 0) console.log(describeReencryption(reencrypted));
} catch (error) {
  await server.stop().catch(() => {});
  console.error(`\n${error instanceof EnvError ? error.message : `re-encryption failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
}

const child = spawn("npx", ["next", "dev", "-p", port], { stdio: "inherit", env });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  await server.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
child.on("exit", (code) => void stop(code ?? 0));
