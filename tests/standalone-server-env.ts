// What a test's standalone server (`node .next/standalone/server.js`) runs with: the test's database and
// secrets, the dev mailbox and the local job runner, and none of the test process's own runner, mail,
// payment, storage, error-report or shutdown settings (those would leak in through process.env).
const NOT_PASSED_ON = /^(VITEST|INNGEST_|JOB_RUNNER|RESEND_|STRIPE_|S3_|SENTRY_|SHUTDOWN_)/;

export function standaloneServerEnv(options: {
  databaseUrl: string;
  appUrl: string;
  poolSize?: number;
  storageDir?: string;
  logLevel?: string;
}): Record<string, string | undefined> {
  const cleared = Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => NOT_PASSED_ON.test(name))
      .map((name) => [name, undefined]),
  );
  return {
    ...cleared,
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize ?? 4),
    AUTH_SECRET: process.env.AUTH_SECRET,
    DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS,
    APP_URL: options.appUrl,
    DEV_MAILBOX: "1",
    JOB_RUNNER: "local",
    ...(options.storageDir ? { STORAGE_DIR: options.storageDir } : {}),
    LOG_LEVEL: options.logLevel ?? "info",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
