import { integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { instant, timestamps } from "./columns";
import { users } from "./users";

/**
 * What a person can switch off, per channel. Account and security messages
 * (verification, reset, sign-in alerts, two-factor codes) have no kind: they
 * are always sent.
 */
export const notificationKind = pgEnum("notification_kind", ["booking", "reminders", "receipts", "monthly_reports", "review_replies"]);
export const notificationChannel = pgEnum("notification_channel", ["email", "sms"]);

/** A row switches one kind off on one channel for one user; no row means on. */
export const notificationOptOuts = pgTable(
  "notification_opt_outs",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    channel: notificationChannel("channel").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "notification_opt_outs_pkey", columns: [t.userId, t.kind, t.channel] })],
);

export const undeliverableReason = pgEnum("undeliverable_reason", ["bounced", "complained"]);

/** Addresses (lower-cased) that hard-bounced or complained: no more email is sent to them. */
export const undeliverableAddresses = pgTable("undeliverable_addresses", {
  address: text("address").primaryKey(),
  reason: undeliverableReason("reason").notNull(),
  /** The logged email whose bounce or complaint put the address here. */
  emailId: uuid("email_id"),
  createdAt: instant("created_at").notNull().defaultNow(),
});

/** Numbers (E.164) that texted STOP: Twilio refuses to text them, and so do we, until START. */
export const smsOptOuts = pgTable("sms_opt_outs", {
  phone: text("phone").primaryKey(),
  createdAt: instant("created_at").notNull().defaultNow(),
});

/** The one pending mobile number confirmation of a user: a hashed 6-digit code, its expiry and the tries used. */
export const phoneVerifications = pgTable("phone_verifications", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  phone: text("phone").notNull(),
  codeHash: text("code_hash").notNull(),
  expiresAt: instant("expires_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastSentAt: instant("last_sent_at").notNull(),
  ...timestamps(),
});

/** Delivery webhooks already applied (Resend's svix-id, Twilio's status per message): a replay changes nothing. */
export const providerWebhookEvents = pgTable(
  "provider_webhook_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    processedAt: instant("processed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "provider_webhook_events_pkey", columns: [t.provider, t.eventId] })],
);
