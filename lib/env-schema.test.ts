import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, startupWarnings } from "./env-schema";
import { devMailboxEnabled } from "./env";
import { isLoopbackAddress } from "./security/loopback";

const minimal = {
  DATABASE_URL: "postgres://careslot@127.0.0.1:5432/careslot",
  AUTH_SECRET: "0123456789abcdef0123456789abcdef",
  DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
};
const KEY_2 = Buffer.alloc(32, 2).toString("base64");

/** The EnvError that parsing `raw` throws; fails the test when nothing is thrown. */
function envErrorOf(raw: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error("parseEnv accepted an invalid environment");
}

describe("parseEnv", () => {
  it("fills every default from a minimal good environment", () => {
    const env = parseEnv(minimal);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      DATABASE_URL: minimal.DATABASE_URL,
      DATABASE_POOL_SIZE: 10,
      AUTH_SECRET: minimal.AUTH_SECRET,
      APP_URL: "http://localhost:3000",
      SESSION_IDLE_MINUTES: 60,
      SESSION_MAX_HOURS: 12,
      MAIL_FROM: "Careslot <no-reply@careslot.local>",
      DEV_MAILBOX: false,
      STORAGE_DIR: ".data/storage",
      LOG_LEVEL: "info",
    });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(env.STRIPE_WEBHOOK_SECRET).toBeUndefined();
  });

  it("accepts postgresql:// and turns numeric strings into numbers", () => {
    const env = parseEnv({
      ...minimal,
      DATABASE_URL: "postgresql://db.internal/careslot",
      SESSION_IDLE_MINUTES: "30",
      SESSION_MAX_HOURS: "8",
      DEV_MAILBOX: "1",
    });
    expect(env.DATABASE_URL).toBe("postgresql://db.internal/careslot");
    expect(env.SESSION_IDLE_MINUTES).toBe(30);
    expect(env.SESSION_MAX_HOURS).toBe(8);
    expect(env.DEV_MAILBOX).toBe(true);
  });

  it("treats an empty optional secret as not set", () => {
    const env = parseEnv({ ...minimal, STRIPE_SECRET_KEY: "  ", RESEND_API_KEY: "" });
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  it("accepts Stripe when both of its keys are set", () => {
    expect(
      parseEnv({
        ...minimal,
        STRIPE_SECRET_KEY: "sk_test_1",
        STRIPE_WEBHOOK_SECRET: "whsec_1",
      }),
    ).toMatchObject({
      STRIPE_SECRET_KEY: "sk_test_1",
      STRIPE_WEBHOOK_SECRET: "whsec_1",
    });
  });

  it("accepts Twilio with a sender (a number or a Messaging Service), and refuses it half configured", () => {
    const twilio = { TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "token" };
    expect(parseEnv({ ...minimal, ...twilio, TWILIO_FROM: "+15005550006" })).toMatchObject({ ...twilio, TWILIO_FROM: "+15005550006" });
    expect(parseEnv({ ...minimal, ...twilio, TWILIO_MESSAGING_SERVICE_SID: "MG1" })).toMatchObject({ TWILIO_MESSAGING_SERVICE_SID: "MG1" });
    expect(envErrorOf({ ...minimal, ...twilio }).message).toContain("TWILIO_ACCOUNT_SID needs TWILIO_AUTH_TOKEN and a sender");
    expect(envErrorOf({ ...minimal, TWILIO_AUTH_TOKEN: "token" }).message).toContain("need TWILIO_ACCOUNT_SID");
  });

  it("reads an S3 bucket configuration, and keeps files local without one", () => {
    expect(parseEnv(minimal).S3_BUCKET).toBeUndefined();
    const env = parseEnv({
      ...minimal,
      S3_BUCKET: "careslot-files",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: "1",
      S3_ACCESS_KEY_ID: "AKIA1",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_PREFIX: "prod/",
    });
    expect(env).toMatchObject({
      S3_BUCKET: "careslot-files",
      S3_REGION: "us-east-1",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: true,
      S3_ACCESS_KEY_ID: "AKIA1",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_PREFIX: "prod/",
    });
    expect(parseEnv({ ...minimal, S3_BUCKET: "b" })).toMatchObject({ S3_FORCE_PATH_STYLE: false, S3_PREFIX: "" });
  });

  it.each([
    {
      name: "missing DATABASE_URL",
      raw: { AUTH_SECRET: minimal.AUTH_SECRET, DATA_ENCRYPTION_KEYS: minimal.DATA_ENCRYPTION_KEYS },
      variable: "DATABASE_URL",
    },
    {
      name: "a mysql:// DATABASE_URL",
      raw: { ...minimal, DATABASE_URL: "mysql://root@localhost/careslot" },
      variable: "DATABASE_URL",
    },
    {
      name: "a 10-character AUTH_SECRET",
      raw: { ...minimal, AUTH_SECRET: "0123456789" },
      variable: "AUTH_SECRET",
    },
    {
      name: "a missing AUTH_SECRET",
      raw: { DATABASE_URL: minimal.DATABASE_URL, DATA_ENCRYPTION_KEYS: minimal.DATA_ENCRYPTION_KEYS },
      variable: "AUTH_SECRET",
    },
    {
      name: "a missing DATA_ENCRYPTION_KEYS",
      raw: { DATABASE_URL: minimal.DATABASE_URL, AUTH_SECRET: minimal.AUTH_SECRET },
      variable: "DATA_ENCRYPTION_KEYS",
    },
    {
      name: "a 16-byte data key",
      raw: { ...minimal, DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16, 1).toString("base64")}` },
      variable: "DATA_ENCRYPTION_KEYS",
    },
    {
      name: "a data key without an id",
      raw: { ...minimal, DATA_ENCRYPTION_KEYS: Buffer.alloc(32, 1).toString("base64") },
      variable: "DATA_ENCRYPTION_KEYS",
    },
    {
      name: "two data keys without DATA_ENCRYPTION_KEY_ID",
      raw: { ...minimal, DATA_ENCRYPTION_KEYS: `${minimal.DATA_ENCRYPTION_KEYS},k2:${KEY_2}` },
      variable: "DATA_ENCRYPTION_KEY_ID",
    },
    {
      name: "a DATA_ENCRYPTION_KEY_ID that names no listed key",
      raw: { ...minimal, DATA_ENCRYPTION_KEY_ID: "k9" },
      variable: "DATA_ENCRYPTION_KEY_ID",
    },
    {
      name: "SESSION_IDLE_MINUTES=abc",
      raw: { ...minimal, SESSION_IDLE_MINUTES: "abc" },
      variable: "SESSION_IDLE_MINUTES",
    },
    {
      name: "S3_ACCESS_KEY_ID without S3_SECRET_ACCESS_KEY",
      raw: { ...minimal, S3_BUCKET: "careslot", S3_ACCESS_KEY_ID: "AKIA1" },
      variable: "S3_ACCESS_KEY_ID",
    },
    {
      name: "an S3_ENDPOINT without a bucket",
      raw: { ...minimal, S3_ENDPOINT: "http://127.0.0.1:9000" },
      variable: "S3_BUCKET",
    },
    {
      name: "S3_ENDPOINT=minio:9000 (no http:// or https://)",
      raw: { ...minimal, S3_BUCKET: "careslot", S3_ENDPOINT: "minio:9000" },
      variable: "S3_ENDPOINT",
    },
    {
      name: "S3_PREFIX=../other",
      raw: { ...minimal, S3_BUCKET: "careslot", S3_PREFIX: "../other" },
      variable: "S3_PREFIX",
    },
    {
      name: "STRIPE_SECRET_KEY without STRIPE_WEBHOOK_SECRET",
      raw: { ...minimal, STRIPE_SECRET_KEY: "sk_test_1" },
      variable: "STRIPE_WEBHOOK_SECRET",
    },
  ])("$name throws an EnvError naming $variable", ({ raw, variable }) => {
    const error = envErrorOf(raw);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].startsWith(variable)).toBe(true);
    expect(error.message).toContain(variable);
  });

  it("says how to fix the common mistakes", () => {
    expect(envErrorOf({ ...minimal, DATABASE_URL: "mysql://x/y" }).message).toContain("DATABASE_URL must be a postgres:// connection URL");
    expect(envErrorOf({ ...minimal, AUTH_SECRET: "short" }).message).toContain("AUTH_SECRET must be at least 32 characters");
    expect(envErrorOf({ ...minimal, STRIPE_SECRET_KEY: "sk_test_1" }).message).toContain("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  });

  it("reports several problems at once, one per variable", () => {
    const error = envErrorOf({
      DATABASE_URL: "mysql://root@localhost/careslot",
      AUTH_SECRET: "0123456789",
      SESSION_IDLE_MINUTES: "abc",
      DATA_ENCRYPTION_KEYS: minimal.DATA_ENCRYPTION_KEYS,
    });
    const named = error.problems.map((problem) => problem.split(/[ :]/)[0]);
    expect(named.sort()).toEqual(["AUTH_SECRET", "DATABASE_URL", "SESSION_IDLE_MINUTES"]);
    for (const variable of named) expect(error.message).toContain(variable);
  });

  it("reports the Stripe pairing together with a field problem", () => {
    const error = envErrorOf({
      ...minimal,
      AUTH_SECRET: "0123456789",
      SESSION_IDLE_MINUTES: "abc",
      STRIPE_SECRET_KEY: "sk_test_1",
    });
    expect(error.problems.map((problem) => problem.split(/[ :]/)[0]).sort()).toEqual(["AUTH_SECRET", "SESSION_IDLE_MINUTES", "STRIPE_WEBHOOK_SECRET"]);
  });

  it("reports the Stripe pairing even when DATABASE_URL is missing", () => {
    const error = envErrorOf({ ...minimal, DATABASE_URL: undefined, STRIPE_SECRET_KEY: "sk_test_1" });
    expect(error.problems.map((problem) => problem.split(/[ :]/)[0]).sort()).toEqual(["DATABASE_URL", "STRIPE_WEBHOOK_SECRET"]);
  });

  it("reads the data keys, names the current one, and never repeats a key in a message", () => {
    const two = `${minimal.DATA_ENCRYPTION_KEYS}, k2:${KEY_2}`;
    expect(parseEnv({ ...minimal, DATA_ENCRYPTION_KEYS: two, DATA_ENCRYPTION_KEY_ID: "k2" })).toMatchObject({
      DATA_ENCRYPTION_KEYS: two,
      DATA_ENCRYPTION_KEY_ID: "k2",
    });
    const bad = `k1:${Buffer.alloc(31, 7).toString("base64")}`;
    expect(envErrorOf({ ...minimal, DATA_ENCRYPTION_KEYS: bad }).message).not.toContain(bad.slice(3));
  });

  it("treats an empty variable as unset, so its default applies", () => {
    const env = parseEnv({ ...minimal, SESSION_IDLE_MINUTES: "", RESEND_API_KEY: "  " });
    expect(env.SESSION_IDLE_MINUTES).toBe(60);
    expect(env.RESEND_API_KEY).toBeUndefined();
  });
});

describe("the dev mailbox's settings", () => {
  it("refuses DEV_MAILBOX together with a mail provider: where mail is sent the mailbox would only leak links", () => {
    expect(envErrorOf({ ...minimal, DEV_MAILBOX: "1", RESEND_API_KEY: "re_live_1" }).problems).toEqual([
      "DEV_MAILBOX cannot be on while RESEND_API_KEY is set: emails are sent, and the mailbox would show their links to whoever opens it",
    ]);
    // In development a provider switches the (implicit) mailbox off.
    expect(devMailboxEnabled(parseEnv({ ...minimal, NODE_ENV: "development", RESEND_API_KEY: "re_test_1" }))).toBe(false);
    expect(devMailboxEnabled(parseEnv({ ...minimal, NODE_ENV: "development" }))).toBe(true);
    expect(devMailboxEnabled(parseEnv({ ...minimal, NODE_ENV: "production" }))).toBe(false);
  });

  it("warns in capitals at start-up when a production build has it on, and only then", () => {
    const [warning] = startupWarnings(parseEnv({ ...minimal, NODE_ENV: "production", DEV_MAILBOX: "1" }));
    expect(warning).toMatch(/^DEV_MAILBOX IS ON IN A PRODUCTION BUILD/);
    const words = warning!.replaceAll("/dev/mailbox", ""); // the path as one types it
    expect(words).toBe(words.toUpperCase());
    expect(startupWarnings(parseEnv({ ...minimal, NODE_ENV: "production" }))).toEqual([]);
    expect(startupWarnings(parseEnv({ ...minimal, NODE_ENV: "development", DEV_MAILBOX: "1" }))).toEqual([]);
  });

  it("knows a loopback address in each of its spellings", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "[::1]:51234", "::ffff:127.0.0.1", "127.0.0.1:40000", "0:0:0:0:0:0:0:1"])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ["128.0.0.1", "10.0.0.1", "::2", "::ffff:10.0.0.1", "localhost", "127.0.0.256", "127.0.0", "", "fe80::1"])
      expect(isLoopbackAddress(address), address).toBe(false);
  });
});
