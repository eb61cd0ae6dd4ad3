import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { id, instant, timestamps } from "./columns";
import { actorRole, paymentProvider, paymentStatus, refundKind, refundStatus } from "./enums";
import { users } from "./users";

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
  (t) => [
    index("refunds_payment_id_idx").on(t.paymentId),
    uniqueIndex("refunds_stripe_refund_key").on(t.stripeRefundId),
    check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

/** Stripe event ids already processed: a replayed or duplicated webhook changes nothing. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  processedAt: instant("processed_at").notNull().defaultNow(),
});
