import { pgEnum } from "drizzle-orm/pg-core";

// The domain's vocabulary: who acts and what state an appointment or a payment
// is in. The database enums are the one definition; the TypeScript unions
// below are read from them, and lib/vocabulary.ts hands both to the rest of the
// app, so a new value is added here (with its migration) and nowhere else.

export const userRole = pgEnum("user_role", ["patient", "doctor", "admin"]);
/** Who changed something: a signed-in role, or the system itself (a lapsed hold, a webhook, a job). */
export const actorRole = pgEnum("actor_role", ["patient", "doctor", "admin", "system"]);
export const appointmentStatus = pgEnum("appointment_status", ["pending_payment", "confirmed", "completed", "cancelled", "no_show"]);
export const paymentProvider = pgEnum("payment_provider", ["stripe", "clinic", "wallet"]);
export const paymentStatus = pgEnum("payment_status", ["requires_payment", "paid", "failed", "expired", "due_at_visit", "refunded", "partially_refunded"]);
export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed"]);
/**
 * Why a refund exists, set when it is recorded: code branches on this, never
 * on the reason text (which is for people). cancellation: by the cancellation
 * policy, whoever cancelled (requested_by_role says who); manual: an admin's
 * refund with their own reason; late_payment: a payment that arrived after its
 * hold ran out and the slot was taken; outside_stripe: made in Stripe itself;
 * mismatch: a checkout whose amount or currency differed from the payment's,
 * refunded in full and never confirming the booking (it needs an admin's look).
 */
export const refundKind = pgEnum("refund_kind", ["cancellation", "manual", "late_payment", "outside_stripe", "mismatch"]);

export type Role = (typeof userRole.enumValues)[number];
export type ActorRole = (typeof actorRole.enumValues)[number];
export type AppointmentStatus = (typeof appointmentStatus.enumValues)[number];
export type PaymentProvider = (typeof paymentProvider.enumValues)[number];
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];
export type RefundStatus = (typeof refundStatus.enumValues)[number];
export type RefundKind = (typeof refundKind.enumValues)[number];
