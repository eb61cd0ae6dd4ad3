import { index, integer, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { notificationChannel, notificationKind } from "./notifications";
import { users } from "./users";

// stored: in the dev mailbox; sent: the provider took it; then the provider's webhooks move it on.
// suppressed: never handed over (the address bounced or complained before, or the number texted STOP).
export const emailStatus = pgEnum("email_status", ["stored", "sent", "failed", "delivered", "bounced", "complained", "delayed", "undelivered", "suppressed"]);
export const emailProvider = pgEnum("email_provider", ["mailbox", "resend", "twilio"]);

/** Every email and text message the app sent (or stored for the dev mailbox), with its outcome. */
export const emails = pgTable(
  "emails",
  {
    id: id(),
    /** An email address, or for an SMS the E.164 number. */
    toAddress: text("to_address").notNull(),
    channel: notificationChannel("channel").notNull().default("email"),
    /** What the recipient can switch off; null for account and security messages. */
    kind: notificationKind("kind"),
    subject: text("subject").notNull(),
    template: text("template").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    provider: emailProvider("provider").notNull(),
    status: emailStatus("status").notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    /** Kept for the dev mailbox only (a few kB of calendar files); sent emails leave them with the provider. */
    attachments: jsonb("attachments").$type<{ filename: string; contentType: string; content: string }[]>(),
    appointmentId: uuid("appointment_id"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    index("emails_created_at_idx").on(t.createdAt),
    index("emails_user_id_idx").on(t.userId),
    index("emails_appointment_id_idx").on(t.appointmentId),
    index("emails_provider_id_idx").on(t.providerId),
    index("emails_status_idx").on(t.status, t.createdAt),
  ],
);

export const outboxStatus = pgEnum("outbox_status", ["pending", "sent"]);

/** Domain events written in the same transaction as the change; delivered to Inngest with this id. */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: id(),
    name: text("name").notNull(),
    payload: jsonb("payload").notNull(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: instant("sent_at"),
    ...timestamps(),
  },
  (t) => [index("outbox_events_pending_idx").on(t.status, t.createdAt)],
);
