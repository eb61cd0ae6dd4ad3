/**
 * `npm run test:e2e`: a fresh seeded database (DATABASE_URL's server, or an
 * embedded PostgreSQL), a production build (skipped with E2E_SKIP_BUILD=1 when
 * the caller just built), then Playwright against `next start`.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { prepareDatabase } from "./lib/prepare-database";

const port = process.env.E2E_PORT ?? "3100";
const { url, server } = await prepareDatabase({ embeddedName: "pg-e2e", port: 54331, database: `careslot_e2e_${port}`, fresh: true });
const env = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(33).toString("base64"),
  APP_URL: `http://localhost:${port}`,
  E2E_PORT: port,
  DEV_MAILBOX: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  RESEND_API_KEY: "",
  STRIPE_SECRET_KEY: "",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

let code = 0;
if (process.env.E2E_SKIP_BUILD !== "1") code = run("npx", ["next", "build"]);
if (code === 0) code = run("npx", ["playwright", "test", ...process.argv.slice(2)]);
await server.stop().catch(() => {});
process.exit(code);
