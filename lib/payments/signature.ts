import "server-only";
import { stripeSetup, type Stripe } from "./stripe-client";

export type VerifiedEvent = { ok: true; event: Stripe.Event } | { ok: false; status: 400 | 404; error: string };

/**
 * How old a signature's timestamp may be (Stripe's own default, named here so
 * it is a decision): a captured delivery replayed later is refused with 400.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Checks Stripe's signature over the exact bytes received, and its age; nothing is parsed before it passes. */
export function verifyStripeEvent(payload: string, signature: string | null): VerifiedEvent {
  const setup = stripeSetup();
  if (!setup) return { ok: false, status: 404, error: "Stripe is not configured" };
  if (!signature) return { ok: false, status: 400, error: "missing Stripe-Signature header" };
  try {
    return { ok: true, event: setup.client.webhooks.constructEvent(payload, signature, setup.webhookSecret, SIGNATURE_TOLERANCE_SECONDS) };
  } catch {
    return { ok: false, status: 400, error: "invalid signature" };
  }
}
