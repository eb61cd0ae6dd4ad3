import "server-only";
import type { Db } from "@/db/client";
import {
  hasOverlappingActiveAppointment,
  lockAppointment,
  recordAppointmentEvent,
  reinstateReleasedHold,
  transitionAppointment,
} from "@/db/queries/appointments";
import {
  claimStripeEvent,
  committedRefundTotal,
  findPaymentForCheckoutSession,
  findRefundForStripe,
  findUnmatchedOutsideRefund,
  insertRefund,
  listUnsentRefundsOfPayment,
  lockPayment,
  lockPaymentByIntent,
  type Payment,
  syncRefundedAmount,
  updatePayment,
  updateRefund,
} from "@/db/queries/payments";
import { insertAuditEntry } from "@/db/queries/audit";
import { lockDoctorSchedule, retryingTransaction } from "@/db/transactions";
import { logger, securityEvent } from "@/lib/logger";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import type { RefundStatus } from "@/lib/vocabulary";
import { noFollowUp, runPaymentFollowUp, type PaymentFollowUp } from "./follow-up";
import { HOLD_RELEASE_REASON, PAYMENT_FAILED_REASON } from "./holds";
import { LATE_PAYMENT_REFUND_REASON, MISMATCH_CANCELLATION_REASON, MISMATCH_REFUND_REASON } from "./policy";
import { announceRefundSucceeded, auditRefundRecorded, auditRefundStatus } from "./refunds";
import type { Stripe } from "./stripe-client";
import { applyTopUpCheckout } from "@/lib/payments/wallet-top-up";
import { applyStripeRefundToWallet } from "@/lib/payments/wallet-withdrawal-outcome";

const OUTSIDE_REFUND_REASON = "Refunded in Stripe, outside Careslot.";
const SYSTEM = { id: null, role: "system" as const };

const checkoutPaid = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);
const checkoutClosed: Record<string, "expired" | "failed"> = { "checkout.session.expired": "expired", "checkout.session.async_payment_failed": "failed" };
const refundEvents = new Set(["refund.created", "refund.updated", "refund.failed"]);

export function isHandledEventType(type: string): boolean {
  return checkoutPaid.has(type) || type in checkoutClosed || refundEvents.has(type) || type === "charge.refunded";
}

export type WebhookResult = { status: "processed" | "duplicate" | "ignored"; followUpOk: boolean };

/**
 * Applies one verified Stripe event. The event id is claimed in the same
 * transaction as the change it causes, so a redelivered or concurrently
 * duplicated event changes nothing (the duplicates wait on the unique key,
 * then find it taken). Emails are outbox events written in that transaction;
 * calls to Stripe run after the commit, and a redelivery retries refunds that
 * could not be sent the first time.
 */
export async function handleStripeEvent(db: Db, event: Stripe.Event, now: Date): Promise<WebhookResult> {
  if (!isHandledEventType(event.type)) return { status: "ignored", followUpOk: true };
  // A constraint refusal or a deadlock that outlasts the retries is thrown as the database said it: the route answers 500 and Stripe retries.
  const { fresh, followUp } = await retryingTransaction(db, async (tx) => {
    if (!(await claimStripeEvent(tx, event))) return { fresh: false, followUp: await unsentRefundsOf(tx, event) };
    return { fresh: true, followUp: await dispatch(tx, event, now) };
  });
  const { ok } = await runPaymentFollowUp(db, followUp);
  return { status: fresh ? "processed" : "duplicate", followUpOk: ok };
}

async function dispatch(tx: Db, event: Stripe.Event, now: Date): Promise<PaymentFollowUp> {
  const object = event.data.object as unknown;
  if (await appliedToWallet(tx, event, now)) return noFollowUp();
  if (checkoutPaid.has(event.type)) return onCheckoutPaid(tx, object as Stripe.Checkout.Session, now);
  if (event.type in checkoutClosed) return onCheckoutClosed(tx, object as Stripe.Checkout.Session, checkoutClosed[event.type], now);
  if (refundEvents.has(event.type)) await onRefund(tx, object as Stripe.Refund);
  if (event.type === "charge.refunded") await onChargeRefunded(tx, object as Stripe.Charge);
  return noFollowUp();
}

/** Wallet top-ups (their Checkout Sessions) and withdrawals (their refunds) are the wallet's own (lib/wallet). */
async function appliedToWallet(tx: Db, event: Stripe.Event, now: Date): Promise<boolean> {
  const object = event.data.object as unknown;
  if (checkoutPaid.has(event.type)) return applyTopUpCheckout(tx, object as Stripe.Checkout.Session, "paid", now);
  if (event.type in checkoutClosed) return applyTopUpCheckout(tx, object as Stripe.Checkout.Session, checkoutClosed[event.type], now);
  if (refundEvents.has(event.type)) return applyStripeRefundToWallet(tx, object as Stripe.Refund, now);
  if (event.type === "charge.refunded") {
    const refunds = (object as Stripe.Charge).refunds?.data ?? [];
    let ours = refunds.length > 0;
    for (const refund of refunds) ours = (await applyStripeRefundToWallet(tx, refund, now)) && ours;
    return ours;
  }
  return false;
}

/**
 * The session's payment, locked, with the doctor's booking lock taken first:
 * the same order as a booking (doctor, then rows), so the two never deadlock.
 */
async function lockSessionPayment(tx: Db, session: Stripe.Checkout.Session): Promise<Payment | undefined> {
  const found = await findPaymentForCheckoutSession(tx, { sessionId: session.id, appointmentId: session.metadata?.appointmentId });
  if (!found) return undefined;
  await lockDoctorSchedule(tx, found.doctorId);
  return lockPayment(tx, found.id);
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));
const isReceived = (payment: Payment) => payment.status === "paid" || payment.status === "partially_refunded" || payment.status === "refunded";

async function onCheckoutPaid(tx: Db, session: Stripe.Checkout.Session, now: Date): Promise<PaymentFollowUp> {
  const payment = await lockSessionPayment(tx, session);
  if (!payment) {
    logger.warn({ sessionId: session.id }, "checkout session of no Careslot payment");
    return noFollowUp();
  }
  const intent = idOf(session.payment_intent);
  if (session.payment_status !== "paid") {
    // A delayed method (a bank debit) is still processing: the async events decide.
    await updatePayment(tx, payment.id, { stripeCheckoutSessionId: session.id, stripePaymentIntentId: intent ?? payment.stripePaymentIntentId });
    return noFollowUp();
  }
  if (isReceived(payment)) return noFollowUp();

  const appointment = (await lockAppointment(tx, payment.appointmentId))!;
  // What Stripe took, recorded as it is (the refund goes back in that amount and currency).
  const received = { amountMinor: session.amount_total ?? payment.amountMinor, currency: session.currency?.toUpperCase() ?? payment.currency };
  const matches = session.amount_total === payment.amountMinor && received.currency === payment.currency.toUpperCase();
  const paid = await updatePayment(tx, payment.id, {
    status: "paid",
    paidAt: now,
    ...received,
    stripeCheckoutSessionId: session.id,
    stripePaymentIntentId: intent,
  });
  await insertAuditEntry(tx, {
    actorId: null,
    actorRole: "system",
    action: "payment.received",
    entityType: "payment",
    entityId: payment.id,
    after: { amountMinor: received.amountMinor, currency: received.currency, sessionId: session.id },
  });
  if (!matches) return refundMismatch(tx, { expected: payment, paid, appointment, sessionId: session.id, now });

  if (appointment.status === "pending_payment") {
    await transitionAppointment(tx, { id: appointment.id, from: ["pending_payment"], to: "confirmed", actor: SYSTEM, note: "Payment received" });
    await announceConfirmed(tx, appointment, payment.id);
    return noFollowUp();
  }

  // The hold ran out before the money arrived. If nobody took the time (and it
  // is still ahead), the patient keeps the visit they paid for; otherwise the
  // whole amount goes back and the patient is told. Never an overlap: the
  // check runs under the doctor's booking lock, and the database's exclusion
  // constraints refuse one anyway (the event then fails and Stripe retries).
  const reclaimable =
    appointment.status === "cancelled" &&
    appointment.cancelledBy === "system" &&
    appointment.startsAt > now &&
    !(await hasOverlappingActiveAppointment(tx, {
      appointmentId: appointment.id,
      doctorId: appointment.doctorId,
      patientId: appointment.patientId,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      now,
    }));
  if (reclaimable && (await reinstateReleasedHold(tx, appointment.id))) {
    await recordAppointmentEvent(tx, {
      appointmentId: appointment.id,
      fromStatus: "cancelled",
      toStatus: "confirmed",
      actor: SYSTEM,
      note: "Payment arrived after the hold ran out; the time was still free, so the booking stands",
    });
    await announceConfirmed(tx, appointment, payment.id);
    return noFollowUp();
  }

  const refund = await insertRefund(tx, {
    paymentId: payment.id,
    kind: "late_payment",
    amountMinor: paid.amountMinor - (await committedRefundTotal(tx, payment.id)),
    reason: LATE_PAYMENT_REFUND_REASON,
    status: "pending",
    requestedByRole: "system",
  });
  await auditRefundRecorded(tx, refund, paid, SYSTEM);
  await insertAuditEntry(tx, {
    actorId: null,
    actorRole: "system",
    action: "payment.late_refund",
    entityType: "payment",
    entityId: payment.id,
    after: { refundId: refund.id, amountMinor: refund.amountMinor, appointmentStatus: appointment.status },
  });
  await enqueueOutboxEvent(tx, "payment/late-refund.recorded", {
    paymentId: payment.id,
    appointmentId: appointment.id,
    refundId: refund.id,
    amountMinor: refund.amountMinor,
  });
  return { ...noFollowUp(), refundIds: [refund.id] };
}

/**
 * A checkout that did not match its payment (another amount or currency than
 * the visit's price: a session made outside Careslot, a discount, a bug) never
 * confirms the booking: a held appointment is released, what Stripe took is
 * refunded in full through the usual refund path (kind "mismatch", sent after
 * the commit), and the audit entry and the refund's kind flag the payment for
 * an admin (/admin/payments shows it as needing attention).
 */
async function refundMismatch(
  tx: Db,
  input: { expected: Payment; paid: Payment; appointment: NonNullable<Awaited<ReturnType<typeof lockAppointment>>>; sessionId: string; now: Date },
): Promise<PaymentFollowUp> {
  const { expected, paid, appointment, now } = input;
  securityEvent("checkout_mismatch", {
    paymentId: paid.id,
    expected: { amountMinor: expected.amountMinor, currency: expected.currency },
    received: { amountMinor: paid.amountMinor, currency: paid.currency },
  });
  if (appointment.status === "pending_payment") {
    await transitionAppointment(tx, {
      id: appointment.id,
      from: ["pending_payment"],
      to: "cancelled",
      actor: SYSTEM,
      note: MISMATCH_CANCELLATION_REASON,
      cancellation: { reason: MISMATCH_CANCELLATION_REASON, at: now },
    });
  }
  const amountMinor = paid.amountMinor - (await committedRefundTotal(tx, paid.id));
  const refund =
    amountMinor > 0
      ? await insertRefund(tx, {
          paymentId: paid.id,
          kind: "mismatch",
          amountMinor,
          reason: MISMATCH_REFUND_REASON,
          status: "pending",
          requestedByRole: "system",
        })
      : undefined;
  if (refund) await auditRefundRecorded(tx, refund, paid, SYSTEM);
  await insertAuditEntry(tx, {
    actorId: null,
    actorRole: "system",
    action: "payment.mismatch",
    entityType: "payment",
    entityId: paid.id,
    before: { amountMinor: expected.amountMinor, currency: expected.currency },
    after: {
      amountMinor: paid.amountMinor,
      currency: paid.currency,
      sessionId: input.sessionId,
      refundId: refund?.id ?? null,
      appointmentStatus: appointment.status === "pending_payment" ? "cancelled" : appointment.status,
    },
  });
  return { ...noFollowUp(), refundIds: refund ? [refund.id] : [] };
}

async function announceConfirmed(tx: Db, appointment: { id: string; startsAt: Date }, paymentId: string) {
  await insertAuditEntry(tx, {
    actorId: null,
    actorRole: "system",
    action: "appointment.paid",
    entityType: "appointment",
    entityId: appointment.id,
    after: { status: "confirmed", paymentId },
  });
  // "booked" went out with the hold; these confirm it (emails, reminders) and ask for the receipt.
  await enqueueOutboxEvent(tx, "appointment/confirmed", { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() });
  await enqueueOutboxEvent(tx, "payment/paid", { paymentId, appointmentId: appointment.id });
}

/** An expired or failed checkout releases the hold, unless the money already arrived (a late "expired" never un-confirms). */
async function onCheckoutClosed(tx: Db, session: Stripe.Checkout.Session, outcome: "expired" | "failed", now: Date): Promise<PaymentFollowUp> {
  const payment = await lockSessionPayment(tx, session);
  if (!payment || isReceived(payment)) return noFollowUp();
  const appointment = await lockAppointment(tx, payment.appointmentId);
  if (payment.status === "requires_payment") await updatePayment(tx, payment.id, { status: outcome, stripeCheckoutSessionId: session.id });
  if (appointment?.status === "pending_payment") {
    const reason = outcome === "expired" ? HOLD_RELEASE_REASON : PAYMENT_FAILED_REASON;
    await transitionAppointment(tx, {
      id: appointment.id,
      from: ["pending_payment"],
      to: "cancelled",
      actor: SYSTEM,
      note: reason,
      cancellation: { reason, at: now },
    });
  }
  return noFollowUp();
}

const refundStatusOf = (status: string | null): RefundStatus =>
  status === "succeeded" ? "succeeded" : status === "failed" || status === "canceled" ? "failed" : "pending";

/** Records a refund's outcome, matched by its Stripe id or the refund row id we sent as metadata; one made in Stripe itself is added. */
async function onRefund(tx: Db, refund: Stripe.Refund) {
  const status = refundStatusOf(refund.status);
  const row = await findRefundForStripe(tx, { stripeRefundId: refund.id, refundId: refund.metadata?.refundId });
  if (row) {
    // Out of order: a "pending" that arrives after the final outcome changes nothing.
    const updated = await updateRefund(tx, row.id, { stripeRefundId: refund.id, ...(status === "pending" && row.status !== "pending" ? {} : { status }) });
    if (updated.status !== row.status) await auditRefundStatus(tx, SYSTEM, row, updated);
    await syncRefundedAmount(tx, row.paymentId);
    if (updated.status === "succeeded" && row.status !== "succeeded") await announceRefundSucceeded(tx, updated);
    return;
  }
  const intent = idOf(refund.payment_intent);
  const payment = intent ? await lockPaymentByIntent(tx, intent) : undefined;
  if (!payment) return;
  const noticed = await findUnmatchedOutsideRefund(tx, payment.id, refund.amount);
  if (noticed) {
    const updated = await updateRefund(tx, noticed.id, { stripeRefundId: refund.id, status });
    if (updated.status !== noticed.status) await auditRefundStatus(tx, SYSTEM, noticed, updated);
  } else {
    const added = await insertRefund(tx, {
      paymentId: payment.id,
      kind: "outside_stripe",
      amountMinor: refund.amount,
      reason: OUTSIDE_REFUND_REASON,
      status,
      stripeRefundId: refund.id,
      requestedByRole: "system",
    });
    await auditRefundRecorded(tx, added, payment, SYSTEM);
    if (added.status === "succeeded") await announceRefundSucceeded(tx, added);
  }
  await syncRefundedAmount(tx, payment.id);
}

/** A charge's refunded total: each listed refund is recorded, and money refunded beyond what we know of is added. */
async function onChargeRefunded(tx: Db, charge: Stripe.Charge) {
  for (const refund of charge.refunds?.data ?? []) await onRefund(tx, refund);
  const intent = idOf(charge.payment_intent);
  const payment = intent ? await lockPaymentByIntent(tx, intent) : undefined;
  if (!payment) return;
  const unknown = charge.amount_refunded - (await committedRefundTotal(tx, payment.id));
  if (unknown > 0) {
    const noticed = await insertRefund(tx, {
      paymentId: payment.id,
      kind: "outside_stripe",
      amountMinor: unknown,
      reason: OUTSIDE_REFUND_REASON,
      status: "succeeded",
      requestedByRole: "system",
    });
    await auditRefundRecorded(tx, noticed, payment, SYSTEM);
    await announceRefundSucceeded(tx, noticed);
  }
  await syncRefundedAmount(tx, payment.id);
}

/** On a redelivery: the refunds its first delivery recorded but could not send. */
async function unsentRefundsOf(tx: Db, event: Stripe.Event): Promise<PaymentFollowUp> {
  if (!checkoutPaid.has(event.type)) return noFollowUp();
  const session = event.data.object as Stripe.Checkout.Session;
  const payment = await findPaymentForCheckoutSession(tx, { sessionId: session.id });
  if (!payment) return noFollowUp();
  return { ...noFollowUp(), refundIds: (await listUnsentRefundsOfPayment(tx, payment.id)).map((row) => row.id) };
}
