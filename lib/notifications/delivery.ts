import "server-only";
import type { Db } from "@/db/client";
import {
  claimWebhookEvent,
  getEmailByProviderId,
  getUndeliverableReasonForUser,
  markAddressUndeliverable,
  setEmailStatus,
  type EmailStatus,
} from "@/db/queries/notifications";
import { verifyResendSignature, type ResendWebhookHeaders } from "./mailer";

// Delivery status from the providers' webhooks, applied to the emails log
// (emails and SMS alike). Each provider event is applied once (its id is
// recorded in the same transaction), and a status only moves forward: a late
// "delayed" never undoes "delivered", nothing undoes a bounce or complaint.

const rank: Record<EmailStatus, number> = {
  stored: 0,
  sent: 1,
  delayed: 2,
  delivered: 3,
  failed: 4,
  undelivered: 4,
  bounced: 5,
  complained: 6,
  suppressed: 7,
};

export type DeliveryOutcome = "applied" | "duplicate" | "unknown-message" | "ignored";

async function apply(
  db: Db,
  input: {
    provider: "resend" | "twilio";
    eventId: string;
    providerMessageId: string;
    status: EmailStatus;
    error?: string;
    undeliverable?: "bounced" | "complained";
  },
): Promise<DeliveryOutcome> {
  return db.transaction(async (tx) => {
    const message = await getEmailByProviderId(tx, input.providerMessageId);
    // Not ours (or not logged yet): nothing is recorded, so a redelivery can still apply.
    if (!message) return "unknown-message";
    if (!(await claimWebhookEvent(tx, input.provider, input.eventId))) return "duplicate";
    if (rank[input.status] > rank[message.status]) await setEmailStatus(tx, message.id, input.status, input.error ?? null);
    if (input.undeliverable && message.channel === "email") {
      await markAddressUndeliverable(tx, { address: message.toAddress, reason: input.undeliverable, emailId: message.id });
    }
    return "applied";
  });
}

// ---- Resend (svix-signed; checked by the mailer, which owns the Resend client)

type ResendEvent = { type: string; data: { email_id?: string; bounce?: { type?: string; message?: string } } };

/** The event when its svix signature checks out (the mailer owns the Resend client); null otherwise. */
export function verifyResendWebhook(payload: string, headers: ResendWebhookHeaders): ResendEvent | null {
  return verifyResendSignature(payload, headers) as ResendEvent | null;
}

/** Why the account's current address gets no email (it bounced or complained), or null: the portals' banner. */
export function undeliverableReason(db: Db, userId: string) {
  return getUndeliverableReasonForUser(db, userId);
}

const resendStatuses: Record<string, EmailStatus> = {
  "email.delivered": "delivered",
  "email.delivery_delayed": "delayed",
  "email.bounced": "bounced",
  "email.complained": "complained",
};

/** Applies one verified Resend event; `eventId` is its svix-id. A hard bounce or a complaint stops further email to the address. */
export async function applyResendEvent(db: Db, eventId: string, event: ResendEvent): Promise<DeliveryOutcome> {
  const status = resendStatuses[event.type];
  if (!status || !event.data.email_id) return "ignored";
  // Resend reports permanent bounces as email.bounced; a bounce it calls Transient is only logged.
  const hard = event.type === "email.bounced" && event.data.bounce?.type !== "Transient";
  return apply(db, {
    provider: "resend",
    eventId,
    providerMessageId: event.data.email_id,
    status,
    error: event.type === "email.bounced" ? (event.data.bounce?.message ?? "bounced") : undefined,
    undeliverable: hard ? "bounced" : event.type === "email.complained" ? "complained" : undefined,
  });
}

// ---- Twilio status callbacks

const twilioStatuses: Record<string, EmailStatus> = { delivered: "delivered", undelivered: "undelivered", failed: "failed" };

/** Applies one (signature-checked) Twilio status callback to the SMS log. */
export async function applyTwilioStatus(db: Db, params: Record<string, string>): Promise<DeliveryOutcome> {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = twilioStatuses[params.MessageStatus ?? ""];
  if (!sid || !status) return "ignored";
  return apply(db, {
    provider: "twilio",
    eventId: `${sid}/${params.MessageStatus}`,
    providerMessageId: sid,
    status,
    error: params.ErrorCode ? `Twilio error ${params.ErrorCode}` : undefined,
  });
}
