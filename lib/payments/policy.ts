// Payment decisions and wording, pure: no database, no Stripe, `now` passed in.
// Pages, components and the services share them, so what a patient is told
// before acting is exactly what the service then does.
import { formatMoney } from "@/lib/format";
import type { ActorRole, AppointmentStatus, PaymentProvider, PaymentStatus, RefundKind, RefundStatus } from "@/lib/vocabulary";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const hours = (n: number) => `${n} ${n === 1 ? "hour" : "hours"}`;

/** The reason on the automatic refund of a payment that arrived after its slot was given away. */
export const LATE_PAYMENT_REFUND_REASON = "Paid after the held time ran out and the slot was taken: refunded in full automatically.";

/** The reason on the automatic refund of a checkout whose amount or currency differed from the payment's (the booking is not confirmed). */
export const MISMATCH_REFUND_REASON =
  "The amount paid did not match the price of the visit: refunded in full automatically, and the booking was not confirmed.";

/** Why such a hold was released, in the appointment's history. */
export const MISMATCH_CANCELLATION_REASON =
  "The payment did not match the price of the visit, so the booking was not confirmed; the payment is refunded in full.";

/**
 * A payment an admin should look at: one whose checkout did not match it
 * (refund kind "mismatch"). The refund is automatic; the look is for why it
 * happened (a session made outside Careslot, a discount, a bug).
 */
export function paymentNeedsAttention(refunds: readonly { kind: RefundKind }[]): boolean {
  return refunds.some((refund) => refund.kind === "mismatch");
}

export const NEEDS_ATTENTION_TEXT =
  "Needs attention: the checkout's amount or currency did not match this payment, so the booking was not confirmed and the money is refunded automatically.";

/** Who cancelled, as the money policy tells them apart: the patient, or the clinic side (doctor, admin, the system). */
export type CancellationActor = ActorRole;

/** How a new booking is paid: online first, at the clinic, from the patient's wallet balance (their choice), or not at all. */
export type PaymentMode = "stripe" | "clinic" | "wallet" | "free";

export function paymentModeFor(priceMinor: number, onlinePayments: boolean): PaymentMode {
  if (priceMinor <= 0) return "free";
  return onlinePayments ? "stripe" : "clinic";
}

/** Stripe accepts a Checkout Session lifetime of 30 minutes to 24 hours from its creation. */
export const CHECKOUT_MIN_MINUTES = 30;
export const CHECKOUT_MAX_MINUTES = 24 * 60;

/**
 * When the Checkout Session should expire: with the hold, clamped into what
 * Stripe accepts. The clock is floored to the minute so that two requests for
 * one appointment within a minute send identical parameters (Stripe compares
 * them when it replays an idempotency key); two minutes of margin cover that
 * flooring and the time the request takes. A hold shorter than this is closed
 * early through the API when it is released.
 */
export function checkoutExpiresAt(holdExpiresAt: Date, now: Date): Date {
  const base = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const earliest = base + (CHECKOUT_MIN_MINUTES + 2) * MINUTE_MS;
  const latest = base + (CHECKOUT_MAX_MINUTES - 2) * MINUTE_MS;
  return new Date(Math.min(latest, Math.max(earliest, holdExpiresAt.getTime())));
}

export interface PaymentFacts {
  provider: PaymentProvider;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
}

export interface RefundInput {
  actor: CancellationActor;
  startsAt: Date;
  now: Date;
  /** Minor units (cents), as stored with the payment. */
  amountPaid: number;
  /** When the grace period began (lib/booking/rules.ts graceStartOf); null or absent: no grace. */
  bookedAt?: Date | null;
  policy: RefundPolicy;
}

/** The refund settings; without a grace period a cancellation just after booking follows the notice alone. */
export interface RefundPolicy {
  patientFullRefundHours: number;
  bookingGraceMinutes?: number;
}

/**
 * All or nothing on purpose: partial refunds would need a policy the clinic
 * has not written. The clinic side cancelling always refunds in full, and so
 * does a patient undoing a booking within the grace period after making it:
 * the grace lets them cancel, so it would be dishonest to keep their money.
 */
export function refundForCancellation(input: RefundInput): { amount: number; reason: string } {
  const { actor, startsAt, now, amountPaid, policy } = input;
  if (!Number.isInteger(amountPaid) || amountPaid < 0) throw new RangeError("amountPaid must be a non-negative integer");
  if (amountPaid === 0) return { amount: 0, reason: "Nothing was paid, so there is nothing to refund." };
  if (actor !== "patient") {
    return { amount: amountPaid, reason: "The appointment was cancelled by the clinic, so the full amount is refunded." };
  }
  const grace = policy.bookingGraceMinutes ?? 0;
  // The same test as withinBookingGrace (lib/booking/rules.ts), written here because lib/booking imports lib/payments.
  if (input.bookedAt && grace > 0 && now.getTime() <= input.bookedAt.getTime() + grace * MINUTE_MS) {
    return { amount: amountPaid, reason: `Cancelled within ${grace} ${grace === 1 ? "minute" : "minutes"} of booking, so the full amount is refunded.` };
  }
  const cutoff = startsAt.getTime() - policy.patientFullRefundHours * HOUR_MS;
  if (now.getTime() <= cutoff) {
    return {
      amount: amountPaid,
      reason: `Cancelled at least ${hours(policy.patientFullRefundHours)} before the start, so the full amount is refunded.`,
    };
  }
  return {
    amount: 0,
    reason: `Cancelled less than ${hours(policy.patientFullRefundHours)} before the start, so no refund is due.`,
  };
}

export type CancellationMoney =
  | { kind: "nothing_charged"; amount: 0; message: string }
  | { kind: "refund"; amount: number; message: string }
  | { kind: "no_refund"; amount: 0; message: string };

const received = (status: PaymentStatus) => status === "paid" || status === "partially_refunded";

/**
 * What cancelling does to the money, worded for the person about to cancel.
 * `alreadyRefundedMinor` counts refunds sent or on their way, so nothing is
 * refunded twice.
 */
export function cancellationMoney(input: {
  payment: PaymentFacts | null | undefined;
  alreadyRefundedMinor: number;
  actor: CancellationActor;
  startsAt: Date;
  now: Date;
  bookedAt?: Date | null;
  policy: RefundPolicy;
}): CancellationMoney {
  const { payment } = input;
  if (!payment || !received(payment.status)) {
    const message =
      payment?.status === "requires_payment"
        ? "No payment has been taken, so there is nothing to refund. The payment link stops working."
        : payment?.status === "due_at_visit"
          ? "Nothing was charged: the fee was due at the visit, so nothing is owed."
          : "Nothing was charged, so nothing needs refunding.";
    return { kind: "nothing_charged", amount: 0, message };
  }
  const refundable = Math.max(0, payment.amountMinor - input.alreadyRefundedMinor);
  const decision = refundForCancellation({
    actor: input.actor,
    startsAt: input.startsAt,
    now: input.now,
    bookedAt: input.bookedAt,
    amountPaid: refundable,
    policy: input.policy,
  });
  if (decision.amount > 0) {
    const where = refundDestination[payment.provider];
    return {
      kind: "refund",
      amount: decision.amount,
      message: `${formatMoney(decision.amount, payment.currency)} will be refunded ${where}. ${decision.reason}`,
    };
  }
  return { kind: "no_refund", amount: 0, message: `No refund: ${decision.reason.charAt(0).toLowerCase()}${decision.reason.slice(1)}` };
}

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  requires_payment: "Awaiting payment",
  paid: "Paid",
  failed: "Payment failed",
  expired: "Not completed",
  due_at_visit: "Due at visit",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
};

/** How a payment was made, in receipts, appointment pages and exports. */
export const paymentMethodLabels: Record<PaymentProvider, string> = {
  stripe: "Card, online (Stripe)",
  clinic: "At the clinic",
  wallet: "Wallet balance",
};

/** Where a cancellation's refund goes, by how the visit was paid. */
const refundDestination: Record<PaymentProvider, string> = {
  stripe: "to the card you paid with",
  clinic: "by the clinic",
  wallet: "to your wallet balance",
};

/** The label for a payment, told apart by how it is paid: a clinic payment never "expires", it is simply not due. */
export function paymentLabel(provider: PaymentProvider, status: PaymentStatus): string {
  if (provider === "clinic" && status === "expired") return "Not due (cancelled)";
  if (provider === "clinic" && status === "paid") return "Paid at the clinic";
  return paymentStatusLabels[status];
}

export const refundStatusLabels: Record<RefundStatus, string> = { pending: "Refund pending", succeeded: "Refunded", failed: "Refund failed" };

export type PaymentTone = "success" | "info" | "warning" | "error";

/**
 * The one sentence the appointment page leads with: the truth about payment
 * and booking together, never a card charge that did not happen.
 */
export function appointmentPaymentState(input: {
  appointmentStatus: AppointmentStatus;
  cancelledBy: CancellationActor | null;
  payment: PaymentFacts | null | undefined;
}): { tone: PaymentTone; title: string } | null {
  const { appointmentStatus, payment } = input;
  if (!payment) return null;
  if (payment.provider === "clinic") {
    if (payment.status === "due_at_visit")
      return { tone: "info", title: `Pay at the clinic: ${formatMoney(payment.amountMinor, payment.currency)} is due at your visit` };
    if (payment.status === "paid") return { tone: "success", title: "Paid at the clinic" };
    return null;
  }
  if (payment.provider === "wallet") {
    if (appointmentStatus === "cancelled")
      return {
        tone: "info",
        title: payment.status === "paid" ? "Paid from your wallet — the appointment was cancelled" : "Refunded to your wallet — the appointment was cancelled",
      };
    return { tone: "success", title: "Paid from your wallet balance — confirmed" };
  }
  const paid = received(payment.status) || payment.status === "refunded";
  if (appointmentStatus === "pending_payment") return { tone: "warning", title: "Waiting for payment confirmation" };
  if (paid && appointmentStatus !== "cancelled") return { tone: "success", title: "Payment received — confirmed" };
  if (paid)
    return {
      tone: "info",
      title: payment.status === "paid" ? "Payment received — the appointment was cancelled" : "Payment refunded — the appointment was cancelled",
    };
  if (appointmentStatus === "cancelled" && input.cancelledBy === "system") return { tone: "error", title: "Payment not completed — the slot was released" };
  if (appointmentStatus === "cancelled") return { tone: "info", title: "Cancelled before payment — nothing was charged" };
  return null;
}
