import { parseEnv, type Env } from "./env-schema";

let cached: Env | undefined;

/** The validated configuration, read once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Mail goes to the dev mailbox only where no provider is configured and it was asked for (lib/dev-mailbox.ts: who may open it). */
export function devMailboxEnabled(config: Env = env()): boolean {
  if (config.RESEND_API_KEY) return false;
  return config.NODE_ENV === "development" || config.DEV_MAILBOX;
}

/**
 * A link into the app, for an email or a redirect from Stripe: `path` ("/doctor/profile")
 * under APP_URL. APP_URL may carry a path of its own (the app behind a prefix), which is kept.
 */
export function absoluteUrl(path: string): string {
  return new URL(`${env().APP_URL.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`).toString();
}
