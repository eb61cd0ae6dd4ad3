/**
 * `npm run dev`: an embedded PostgreSQL (unless DATABASE_URL is set), migrated
 * and seeded, then `next dev` pointed at it. Stops the database on exit.
 */
import { spawn } from "node:child_process";
import { EmbeddedPostgresAccessError } from "./lib/embedded-access";
import { localAuthSecret } from "./lib/local-secret";
import { prepareDatabase } from "./lib/prepare-database";

const port = process.env.PORT ?? "3000";
const { url, server } = await prepareDatabase({ embeddedName: "pg-dev", port: 54329, database: "careslot" }).catch((error: unknown) => {
  // A set-up problem the user can fix gets its explanation, not a stack trace.
  if (!(error instanceof EmbeddedPostgresAccessError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
});
console.log(`database ready (${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL on port 54329, data in .data/pg-dev"})`);

const child = spawn("npx", ["next", "dev", "-p", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? localAuthSecret(),
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  },
});

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
