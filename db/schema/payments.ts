import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorRole, appointments } from "./appointments";
import { id, instant, timestamps } from "./columns";
import { users } from "./users";

export const paymentProvider = pgEnum("payment_provider", ["stripe", "clinic"]);
export const paymentStatus = pgEnum("payment_status", ["requires_payment", "paid", "failed", "expired", "due_at_visit", "refunded", "partially_refunded"]);

/** The money side of an appointment: one row per checkout attempt or clinic payment. */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "restrict" }),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    provider: paymentProvider("provider").notNull(),
    status: paymentStatus("status").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    refundedMinor: integer("refunded_minor").notNull().default(0),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    paidAt: instant("paid_at"),
    ...timestamps(),
  },
  (t) => [
    index("payments_appointment_id_idx").on(t.appointmentId),
    index("payments_patient_id_idx").on(t.patientId, t.createdAt),
    index("payments_doctor_id_idx").on(t.doctorId, t.createdAt),
    index("payments_status_idx").on(t.status),
    uniqueIndex("payments_stripe_checkout_session_key").on(t.stripeCheckoutSessionId),
    uniqueIndex("payments_stripe_payment_intent_key").on(t.stripePaymentIntentId),
    check("payments_amount_nonnegative", sql`${t.amountMinor} >= 0`),
    check("payments_refunded_within_amount", sql`${t.refundedMinor} between 0 and ${t.amountMinor}`),
  ],
);

export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed"]);
/**
 * Why a refund exists, set when it is recorded: code branches on this, never
 * on the reason text (which is for people). cancellation: by the cancellation
 * policy, whoever cancelled (requested_by_role says who); manual: an admin's
 * refund with their own reason; late_payment: a payment that arrived after its
 * hold ran out and the slot was taken; outside_stripe: made in Stripe itself.
 */
export const refundKind = pgEnum("refund_kind", ["cancellation", "manual", "late_payment", "outside_stripe"]);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "restrict" }),
    amountMinor: integer("amount_minor").notNull(),
    kind: refundKind("kind").notNull(),
    reason: text("reason").notNull(),
    status: refundStatus("status").notNull().default("pending"),
    stripeRefundId: text("stripe_refund_id"),
    /** Set (committed) by the sender about to call Stripe, so another sender backs off; cleared with Stripe's answer. */
    sendClaimedAt: instant("send_claimed_at"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedByRole: actorRole("requested_by_role").notNull(),
    ...timestamps(),
  },
  (t) => [index("refunds_payment_id_idx").on(t.paymentId), uniqueIndex("refunds_stripe_refund_key").on(t.stripeRefundId), check("refunds_amount_positive", sql`${t.amountMinor} > 0`)],
);

/** Stripe event ids already processed: a replayed or duplicated webhook changes nothing. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  processedAt: instant("processed_at").notNull().defaultNow(),
});
