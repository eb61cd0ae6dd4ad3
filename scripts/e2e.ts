/**
 * `npm run test:e2e`: a fresh seeded database (DATABASE_URL's server, or an
 * embedded PostgreSQL), a production build (skipped with E2E_SKIP_BUILD=1 when
 * the caller just built; `npm run build` also copies the static files beside the
 * standalone server), then Playwright against that standalone server
 * (`node .next/standalone/server.js`, as deployed). Uploads go to
 * a local S3 server (s3rver) through the AWS SDK, as they would to a bucket in
 * production; E2E_STORAGE=local keeps them in a temporary STORAGE_DIR instead.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { connectDatabase } from "../db/client";
import { appSettings } from "../db/schema";
import { startLocalOidc } from "../lib/auth/testing/local-oidc";
import { startLocalS3 } from "../lib/storage/testing/local-s3";
import { prepareDatabase } from "./lib/prepare-database";

const port = process.env.E2E_PORT ?? "3100";
const { url, server } = await prepareDatabase({ embeddedName: "pg-e2e", port: 54331, database: `careslot_e2e_${port}`, fresh: true });
// Every browser of the suite signs in and registers from 127.0.0.1: the per-IP limits
// (README → Security) would stop the suite, not an attacker; and the specs book with the
// same seeded patients and doctors, so the booking caps are lifted too. Their own tests are unit tests.
{
  const handle = connectDatabase(url, { max: 1 });
  await handle.db
    .update(appSettings)
    .set({
      signInAttemptsPerIpPer15Minutes: 100_000,
      registrationsPerIpPerHour: 100_000,
      accountEmailsPerIpPerHour: 100_000,
      maxActiveAppointmentsPerPatient: 100,
      maxActiveAppointmentsPerPatientPerDoctor: 100,
    })
    .where(eq(appSettings.id, 1));
  await handle.close();
}
const s3 = process.env.E2E_STORAGE === "local" ? null : await startLocalS3({ prefix: "e2e/" });
const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-e2e-files-"));
const storageEnv = s3
  ? {
      S3_BUCKET: s3.settings.bucket,
      S3_ENDPOINT: s3.settings.endpoint!,
      S3_FORCE_PATH_STYLE: "1",
      S3_ACCESS_KEY_ID: s3.settings.credentials!.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.settings.credentials!.secretAccessKey,
      S3_PREFIX: s3.settings.prefix,
    }
  : {};
// "Continue with Google" against a real OpenID Connect provider on its own port (E2E_OIDC_PORT, or a free one).
const oidcClient = { clientId: "careslot-e2e", clientSecret: randomBytes(24).toString("hex") };
const oidc = await startLocalOidc({
  ...oidcClient,
  port: Number(process.env.E2E_OIDC_PORT ?? 0),
  redirectUris: [`http://localhost:${port}/api/auth/callback/google`],
});
console.log(`Google sign-in: local OpenID provider at ${oidc.issuer}`);
console.log(s3 ? `uploads: S3 bucket ${s3.settings.bucket} at ${s3.settings.endpoint}` : `uploads: ${storageDir}`);
const env = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(33).toString("base64"),
  DATA_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
  DATA_ENCRYPTION_KEY_ID: "",
  APP_URL: `http://localhost:${port}`,
  E2E_PORT: port,
  DEV_MAILBOX: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  RESEND_API_KEY: "",
  STRIPE_SECRET_KEY: "",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  STORAGE_DIR: storageDir,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  GOOGLE_CLIENT_ID: oidcClient.clientId,
  GOOGLE_CLIENT_SECRET: oidcClient.clientSecret,
  GOOGLE_ISSUER: oidc.issuer,
  ...storageEnv,
};

/** Runs a command to its end without blocking this process: the local S3 server lives in it. */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", () => resolve(1));
    child.on("exit", (status) => resolve(status ?? 1));
  });
}

let code = 0;
if (process.env.E2E_SKIP_BUILD !== "1") code = await run("npm", ["run", "build"]);
if (code === 0) code = await run("npx", ["playwright", "test", ...process.argv.slice(2)]);
await server.stop().catch(() => {});
await s3?.close().catch(() => {});
await oidc.close().catch(() => {});
await fs.rm(storageDir, { recursive: true, force: true });
process.exit(code);
