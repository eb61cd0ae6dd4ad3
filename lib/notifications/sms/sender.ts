import "server-only";
import type { Db } from "@/db/client";
import { recordEmail } from "@/db/queries/emails";
import { isNumberStopped } from "@/db/queries/notifications";
import { absoluteUrl, env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { MailResult, SendOutcome } from "../mailer";
import { notificationAllowed, type NotificationKind } from "../preferences";
import { twilioClient, twilioConfig } from "./twilio";

export interface OutgoingSms {
  /** E.164. */
  to: string;
  body: string;
  /** Template name, logged with the message. */
  template: string;
  userId?: string;
  appointmentId?: string;
  /** As for email: set on every non-essential text, which then goes only while allowed. A verification code has none. */
  kind?: NotificationKind;
}

export const TWILIO_STATUS_PATH = "/api/webhooks/twilio/status";

/**
 * The one way Careslot sends a text message: through Twilio when configured,
 * otherwise into the dev mailbox (development only, like emails). Logged in
 * the same table as emails (channel "sms"), so the admin log and the dev
 * mailbox show both. A number that texted STOP gets nothing (logged as suppressed).
 */
export async function sendSms(db: Db, sms: OutgoingSms): Promise<SendOutcome> {
  if (sms.kind && sms.userId && !(await notificationAllowed(db, sms.userId, sms.kind, "sms")))
    return { status: "skipped", reason: "switched off by the recipient" };
  const config = twilioConfig(env());
  const base = {
    channel: "sms" as const,
    toAddress: sms.to,
    subject: "Text message",
    template: sms.template,
    kind: sms.kind ?? null,
    html: "",
    text: sms.body,
    userId: sms.userId,
    appointmentId: sms.appointmentId,
  };
  if (await isNumberStopped(db, sms.to)) {
    const id = await recordEmail(db, { ...base, provider: config ? "twilio" : "mailbox", status: "suppressed", error: "number opted out (STOP)" });
    return { status: "suppressed", id };
  }
  if (!config) {
    const id = await recordEmail(db, { ...base, provider: "mailbox", status: "stored" });
    return { status: "stored", id };
  }
  try {
    const message = await twilioClient(config).messages.create({
      to: sms.to,
      body: sms.body,
      ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : { from: config.from! }),
      statusCallback: absoluteUrl(TWILIO_STATUS_PATH),
    });
    const id = await recordEmail(db, { ...base, provider: "twilio", status: "sent", providerId: message.sid });
    return { status: "sent", id, providerId: message.sid };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const id = await recordEmail(db, { ...base, provider: "twilio", status: "failed", error: message });
    logger.error({ emailId: id, template: sms.template, error: message }, "sms send failed");
    return { status: "failed", id, error: message };
  }
}

/** For a job's step: sends, and throws when the provider refuses, so the step is retried. */
export async function smsFromJob(db: Db, sms: OutgoingSms, what: string): Promise<MailResult> {
  const result = await sendSms(db, sms);
  if (result.status === "failed") throw new Error(`${what} failed: ${result.error}`);
  if (result.status === "skipped") return { outcome: "skipped", reason: result.reason };
  return { outcome: result.status, emailId: result.id };
}
