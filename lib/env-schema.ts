import { z } from "zod";
import { parseDataKeys } from "./data-keys";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** Unset, empty or blank all mean "not set". */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** Every variable the app reads. `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (npm run dev starts an embedded PostgreSQL and sets it for you)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// connection URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** A read replica for the doctor search and the public doctor pages (lib/db.ts getReadDb); unset means the primary. */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL must be a postgres:// connection URL")
    .optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (openssl rand -base64 33)"),
  /** Encrypts medical information, notes and files at rest (lib/data-keys.ts): "<id>:<base64 32 bytes>,…". */
  DATA_ENCRYPTION_KEYS: z.string({
    error: "DATA_ENCRYPTION_KEYS is required: <id>:<key> with a key from openssl rand -base64 32 (npm run dev keeps one under .data/ for you)",
  }),
  /** Which of DATA_ENCRYPTION_KEYS new values are written with; needed once it lists several. */
  DATA_ENCRYPTION_KEY_ID: optionalText,
  APP_URL: z.url("APP_URL must be an absolute URL such as http://localhost:3000").default("http://localhost:3000"),
  /** Auth.js's own address (it reads the variable itself); unset means APP_URL's origin, never the request's Host header. */
  AUTH_URL: z.url("AUTH_URL must be an absolute URL such as https://careslot.example").optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** "Keep me signed in": how long such a session lasts (admins: never longer than SESSION_MAX_HOURS). */
  REMEMBER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MAIL_FROM: z.string().min(3).default("Careslot <no-reply@careslot.local>"),
  RESEND_API_KEY: optionalText,
  /** Resend's webhook signing secret (whsec_…): /api/webhooks/resend refuses every delivery without it. */
  RESEND_WEBHOOK_SECRET: optionalText,
  /** SMS through Twilio when the SID, the token and a sender (TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID) are set; otherwise texts go to the dev mailbox. */
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM: optionalText,
  TWILIO_MESSAGING_SERVICE_SID: optionalText,
  /** Where the Twilio SDK sends API calls (tests point it at a local fake); unset means Twilio itself. */
  TWILIO_API_BASE: z.url("TWILIO_API_BASE must be an absolute URL such as http://127.0.0.1:12112").optional(),
  DEV_MAILBOX: flag,
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** Where the Stripe SDK sends API calls (tests point it at a local fake); unset means Stripe itself. */
  STRIPE_API_BASE: z.url("STRIPE_API_BASE must be an absolute URL such as http://127.0.0.1:12111").optional(),
  INNGEST_EVENT_KEY: optionalText,
  INNGEST_SIGNING_KEY: optionalText,
  INNGEST_DEV: optionalText,
  // A self-hosted Inngest (or a test double); the SDK reads it too. Unset means Inngest Cloud, or the dev server with INNGEST_DEV=1.
  INNGEST_BASE_URL: z.url("INNGEST_BASE_URL must be an absolute URL such as http://localhost:8288").optional(),
  /** Which engine runs the background jobs; unset picks Inngest when one of INNGEST_* is set, else the local runner. */
  JOB_RUNNER: z.enum(["inngest", "local"], { error: "JOB_RUNNER must be inngest or local (or unset to choose from the INNGEST_* variables)" }).optional(),
  STORAGE_DIR: z.string().min(1).default(".data/storage"),
  /** Setting a bucket moves uploaded files from STORAGE_DIR to S3 (or an S3-compatible service). */
  S3_BUCKET: optionalText,
  S3_REGION: z.string().trim().min(1).default("us-east-1"),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "S3_ENDPOINT must be an absolute URL such as https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000" })
    .optional(),
  S3_FORCE_PATH_STYLE: flag,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_PREFIX: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, "S3_PREFIX must be empty or folder names ending in /, such as careslot/")
    .default(""),
  /** Origins allowed to call /api/v1 from a browser, comma-separated ("https://app.example,https://admin.example"); none by default. */
  API_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url("API_CORS_ORIGINS must list absolute origins such as https://app.example").transform((url) => new URL(url).origin))),
  /** How long an API access token lasts, in minutes (lib/api/tokens.ts). */
  API_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  /** API requests per hour: without a token (per IP), with one (per user), and bookings (per user). */
  API_RATE_LIMIT_ANONYMOUS_PER_HOUR: z.coerce.number().int().min(1).default(100),
  API_RATE_LIMIT_USER_PER_HOUR: z.coerce.number().int().min(1).default(1000),
  API_RATE_LIMIT_BOOKING_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** Bearer token that /api/metrics requires; unset means /api/metrics answers 404. */
  METRICS_TOKEN: z.string().trim().min(16, "METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)").optional(),
  /** Error reports go to Sentry when set (lib/observability/sentry-scrub.ts: never health data). */
  SENTRY_DSN: z.url("SENTRY_DSN must be the DSN Sentry shows, such as https://key@o0.ingest.sentry.io/0").optional(),
  SENTRY_ENVIRONMENT: optionalText,
  /** How long a stopping server may take to drain requests and jobs before it exits anyway (keep it below the orchestrator's grace period). */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** "Continue with Google" on /login and /register when both are set (Google Cloud console → OAuth client, type Web application). */
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  /**
   * Development and tests only: an OpenID Connect issuer standing in for Google (the local provider of
   * scripts/local-oidc.ts). Unset means Google itself, https://accounts.google.com.
   */
  GOOGLE_ISSUER: z.url({ protocol: /^https?$/, error: "GOOGLE_ISSUER must be an absolute URL such as http://localhost:3402" }).optional(),
  /**
   * How long a server may answer a visitor without a session with a page it rendered before
   * (lib/page-cache): the home page and searches for at most this long; a doctor's page only while
   * its free times, ratings, reviews and profile are unchanged as well. 0 turns the cache off.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(15),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a raw environment; throws an EnvError naming every bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  // `NAME=` in a .env file means "not set", so defaults apply to it.
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = envSchema.safeParse(given);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      });
  // Checked on the raw values so it is reported together with every other problem.
  if (given.STRIPE_SECRET_KEY && !given.STRIPE_WEBHOOK_SECRET) problems.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  if (Boolean(given.S3_ACCESS_KEY_ID) !== Boolean(given.S3_SECRET_ACCESS_KEY)) {
    problems.push("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credentials");
  }
  if (given.DATA_ENCRYPTION_KEYS) {
    try {
      parseDataKeys(given.DATA_ENCRYPTION_KEYS, given.DATA_ENCRYPTION_KEY_ID?.trim() || undefined);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (Boolean(given.GOOGLE_CLIENT_ID) !== Boolean(given.GOOGLE_CLIENT_SECRET)) {
    problems.push("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET go together: set both for Continue with Google, or neither to hide it");
  }
  if (given.GOOGLE_ISSUER && !given.GOOGLE_CLIENT_ID)
    problems.push("GOOGLE_ISSUER needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (the local provider's client)");
  if (given.S3_ENDPOINT && !given.S3_BUCKET) problems.push("S3_BUCKET is required when S3_ENDPOINT is set (files would otherwise stay in STORAGE_DIR)");
  if (given.TWILIO_ACCOUNT_SID && (!given.TWILIO_AUTH_TOKEN || !(given.TWILIO_FROM || given.TWILIO_MESSAGING_SERVICE_SID)))
    problems.push("TWILIO_ACCOUNT_SID needs TWILIO_AUTH_TOKEN and a sender: TWILIO_FROM (an E.164 number) or TWILIO_MESSAGING_SERVICE_SID");
  if (!given.TWILIO_ACCOUNT_SID && (given.TWILIO_AUTH_TOKEN || given.TWILIO_FROM || given.TWILIO_MESSAGING_SERVICE_SID))
    problems.push("TWILIO_AUTH_TOKEN, TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID need TWILIO_ACCOUNT_SID");
  // The mailbox shows reset links; where mail really goes out it has no business existing.
  if (given.RESEND_API_KEY?.trim() && ["1", "true"].includes(given.DEV_MAILBOX ?? ""))
    problems.push("DEV_MAILBOX cannot be on while RESEND_API_KEY is set: emails are sent, and the mailbox would show their links to whoever opens it");
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  return result.data;
}

/** What the server says in capitals when it starts with a setting that must never reach real users. */
export function startupWarnings(env: Env): string[] {
  const warnings: string[] = [];
  if (env.NODE_ENV === "production" && env.DEV_MAILBOX) {
    warnings.push(
      "DEV_MAILBOX IS ON IN A PRODUCTION BUILD: /dev/mailbox SHOWS EVERY EMAIL, PASSWORD RESET LINKS INCLUDED. IT ANSWERS ONLY REQUESTS FROM A LOOPBACK ADDRESS (AS X-FORWARDED-FOR REPORTS IT), SO PUT A PROXY THAT SETS X-FORWARDED-FOR IN FRONT OR KEEP THE SERVER ON 127.0.0.1. NEVER TURN IT ON WHERE REAL PEOPLE SIGN IN.",
    );
  }
  if (env.NODE_ENV === "production" && env.GOOGLE_ISSUER) {
    warnings.push(
      `GOOGLE_ISSUER IS SET IN A PRODUCTION BUILD: "CONTINUE WITH GOOGLE" SIGNS PEOPLE IN THROUGH ${env.GOOGLE_ISSUER}, NOT GOOGLE. IT IS FOR DEVELOPMENT AND TESTS ONLY.`,
    );
  }
  return warnings;
}
