import { pgEnum } from "drizzle-orm/pg-core";

// The domain's vocabulary: who acts and what state an appointment or a payment
// is in. The database enums are the one definition; the TypeScript unions
// below are read from them, and lib/vocabulary.ts hands both to the rest of the
// app, so a new value is added here (with its migration) and nowhere else.

export const userRole = pgEnum("user_role", ["patient", "doctor", "admin"]);
/** Who changed something: a signed-in role, or the system itself (a lapsed hold, a webhook, a job). */
export const actorRole = pgEnum("actor_role", ["patient", "doctor", "admin", "system"]);
export const appointmentStatus = pgEnum("appointment_status", ["pending_payment", "confirmed", "completed", "cancelled", "no_show"]);
export const paymentProvider = pgEnum("payment_provider", ["stripe", "clinic"]);
export const paymentStatus = pgEnum("payment_status", ["requires_payment", "paid", "failed", "expired", "due_at_visit", "refunded", "partially_refunded"]);
export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed"]);

export type Role = (typeof userRole.enumValues)[number];
export type ActorRole = (typeof actorRole.enumValues)[number];
export type AppointmentStatus = (typeof appointmentStatus.enumValues)[number];
export type PaymentProvider = (typeof paymentProvider.enumValues)[number];
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];
export type RefundStatus = (typeof refundStatus.enumValues)[number];
