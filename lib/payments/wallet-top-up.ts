import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import { walletBalances } from "@/db/queries/ledger";
import { getTopUp, insertTopUp, lockTopUpOfSession, recordTopUpSession, updateTopUp } from "@/db/queries/wallet-cards";
import { listDoctorCurrencies } from "@/db/queries/wallet-reads";
import type { WalletTopUp } from "@/db/schema";
import { absoluteUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { logger, securityEvent } from "@/lib/logger";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { getStripe, type Stripe } from "@/lib/payments/stripe-client";
import { postToLedger } from "@/lib/wallet/ledger";
import type { TopUpRequest } from "@/lib/wallet/schemas";

// "Add funds": an amount → a Stripe Checkout Session → the wallet is credited
// only when Stripe's verified webhook says that exact amount was paid.

export const CARD_PAYMENTS_OFF = "Adding funds and withdrawing to a card need card payments, which this clinic has not set up.";
const SYSTEM = { id: null, role: "system" as const };

/** Currencies a patient may add funds in: those doctors charge in, and those the patient already holds. */
export async function topUpCurrencies(db: Db, patientId: string): Promise<string[]> {
  const [doctors, wallets] = await Promise.all([listDoctorCurrencies(db), walletBalances(db, patientId)]);
  return [...new Set([...doctors, ...wallets.map((row) => row.currency)])].sort();
}

/**
 * The Stripe Checkout page for adding `amountMinor` to the patient's wallet.
 * The form's id is the top-up's id and the session's idempotency key, so a
 * double click or a resent form opens the same session.
 */
export async function startTopUp(db: Db, patientId: string, input: TopUpRequest): Promise<{ url: string; topUpId: string }> {
  const stripe = getStripe();
  if (!stripe) throw new AppError("conflict", CARD_PAYMENTS_OFF);
  if (!(await topUpCurrencies(db, patientId)).includes(input.currency))
    throw new AppError("invalid_input", "Choose one of the listed currencies.", { currency: ["Choose one of the listed currencies."] });
  const topUp =
    (await insertTopUp(db, { id: input.requestId, patientId, amountMinor: input.amountMinor, currency: input.currency })) ??
    (await getTopUp(db, input.requestId));
  if (!topUp || topUp.patientId !== patientId) throw new AppError("conflict", "Reload the page and try again.");
  if (topUp.status !== "pending") throw new AppError("conflict", "This top-up is already finished. Reload the page to add more.");
  if (topUp.stripeCheckoutSessionId) {
    const existing = await stripe.checkout.sessions.retrieve(topUp.stripeCheckoutSessionId);
    if (existing.status === "open" && existing.url) return { url: existing.url, topUpId: topUp.id };
    throw new AppError("conflict", "That payment page is closed. Reload the page to add funds again.");
  }
  const metadata = { walletTopUpId: topUp.id, patientId };
  const walletUrl = absoluteUrl("/patient/wallet");
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: topUp.currency.toLowerCase(),
            unit_amount: topUp.amountMinor,
            product_data: { name: `Careslot wallet: add ${formatMoney(topUp.amountMinor, topUp.currency)}` },
          },
        },
      ],
      metadata,
      payment_intent_data: { metadata },
      client_reference_id: topUp.id,
      success_url: `${walletUrl}?top-up=success`,
      cancel_url: `${walletUrl}?top-up=cancelled`,
    },
    { idempotencyKey: `wallet-top-up-${topUp.id}` },
  );
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no url`);
  await recordTopUpSession(db, topUp.id, session.id);
  return { url: session.url, topUpId: topUp.id };
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/**
 * A checkout.session.* event, inside the webhook's transaction (which has
 * claimed the event id): false when the session is no top-up. A paid session
 * credits the wallet once (the top-up's status and the ledger's idempotency
 * key both see to it); one whose amount or currency differs from the top-up
 * is not credited: it is marked "mismatch", logged as a security event and
 * audited, for an admin to resolve from the reconciliation view.
 */
export async function applyTopUpCheckout(tx: Db, session: Stripe.Checkout.Session, outcome: "paid" | "expired" | "failed", now: Date): Promise<boolean> {
  const topUp = await lockTopUpOfSession(tx, { sessionId: session.id, topUpId: session.metadata?.walletTopUpId });
  if (!topUp) return false;
  if (topUp.status !== "pending") return true;
  if (outcome !== "paid") {
    await updateTopUp(tx, topUp.id, { status: outcome, stripeCheckoutSessionId: session.id });
    return true;
  }
  const intent = idOf(session.payment_intent);
  // A delayed method (a bank debit) is still processing: the async events decide.
  if (session.payment_status !== "paid") {
    await updateTopUp(tx, topUp.id, { stripeCheckoutSessionId: session.id, stripePaymentIntentId: intent ?? topUp.stripePaymentIntentId });
    return true;
  }
  const received = { receivedAmountMinor: session.amount_total ?? 0, receivedCurrency: (session.currency ?? "").toUpperCase() };
  const matches = received.receivedAmountMinor === topUp.amountMinor && received.receivedCurrency === topUp.currency;
  const recorded = await updateTopUp(tx, topUp.id, {
    ...received,
    status: matches ? "credited" : "mismatch",
    creditedAt: matches ? now : null,
    stripeCheckoutSessionId: session.id,
    stripePaymentIntentId: intent,
  });
  if (!matches) return flagMismatch(tx, recorded);
  const posted = await postToLedger(tx, {
    kind: "top_up",
    patientId: topUp.patientId,
    topUpId: topUp.id,
    actorId: null,
    actorRole: "system",
    idempotencyKey: `top-up/${topUp.id}`,
    currency: topUp.currency,
    walletMinor: topUp.amountMinor,
    counterpart: "card_clearing",
  });
  await insertAuditEntry(tx, {
    actorId: SYSTEM.id,
    actorRole: SYSTEM.role,
    action: "wallet.topped_up",
    entityType: "wallet_top_up",
    entityId: topUp.id,
    after: { transactionId: posted.transactionId, amountMinor: topUp.amountMinor, currency: topUp.currency, sessionId: session.id, paymentIntent: intent },
  });
  await enqueueOutboxEvent(tx, "wallet/movement.recorded", { transactionId: posted.transactionId });
  return true;
}

async function flagMismatch(tx: Db, topUp: WalletTopUp): Promise<true> {
  const expected = { amountMinor: topUp.amountMinor, currency: topUp.currency };
  const received = { amountMinor: topUp.receivedAmountMinor, currency: topUp.receivedCurrency };
  securityEvent("wallet_top_up_mismatch", { topUpId: topUp.id, expected, received });
  logger.warn({ topUpId: topUp.id, expected, received }, "wallet top-up not credited: Stripe took another amount; left for an admin");
  await insertAuditEntry(tx, {
    actorId: SYSTEM.id,
    actorRole: SYSTEM.role,
    action: "wallet.top_up_mismatch",
    entityType: "wallet_top_up",
    entityId: topUp.id,
    before: expected,
    after: { ...received, sessionId: topUp.stripeCheckoutSessionId, paymentIntent: topUp.stripePaymentIntentId },
  });
  return true;
}
