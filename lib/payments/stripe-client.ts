import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";

/** A Stripe client and the secret its webhooks are signed with: both, or payments are off. */
export interface StripeSetup {
  client: Stripe;
  webhookSecret: string;
}

// `undefined` = read the environment; `null` = forced off; a value = injected by a test.
let injected: StripeSetup | null | undefined;
let fromEnv: StripeSetup | null | undefined;

/** Host, port and protocol for the SDK when STRIPE_API_BASE points it somewhere other than Stripe. */
export function apiBaseOptions(base: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** The options every Careslot Stripe client shares: bounded time, a couple of retries (the SDK adds idempotency keys to them). */
export function createStripeClient(secretKey: string, base?: string, overrides: Partial<Stripe.StripeConfig> = {}): Stripe {
  return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 15_000, appInfo: { name: "Careslot" }, ...apiBaseOptions(base), ...overrides });
}

export function stripeSetup(): StripeSetup | null {
  if (injected !== undefined) return injected;
  if (fromEnv === undefined) {
    const config = env();
    fromEnv =
      config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
        ? { client: createStripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_BASE), webhookSecret: config.STRIPE_WEBHOOK_SECRET }
        : null;
  }
  return fromEnv;
}

/** The Stripe client, or null when Stripe is not configured ("pay at the clinic"). */
export function getStripe(): Stripe | null {
  return stripeSetup()?.client ?? null;
}

/** Whether patients pay online before a booking is confirmed. */
export function onlinePaymentsEnabled(): boolean {
  return stripeSetup() !== null;
}

/** Tests swap in a client pointed at a local fake server (or `null` for "no Stripe"); `undefined` restores the environment's. */
export function setStripeSetupForTests(setup: StripeSetup | null | undefined): void {
  injected = setup;
}

export type { Stripe };
