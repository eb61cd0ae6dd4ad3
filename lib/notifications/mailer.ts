import "server-only";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import type { Db } from "@/db/client";
import { recordEmail } from "@/db/queries/emails";
import { isAddressUndeliverable } from "@/db/queries/notifications";
import { isErasedEmail } from "@/db/queries/patient-data";
import { getUserById } from "@/db/queries/users";
import { absoluteUrl, env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { notificationAllowed, type NotificationKind } from "./preferences";
import { emailFooterLinks } from "./templates/email-footer-context";
import { unsubscribeHeaders, unsubscribePageUrl } from "./unsubscribe";

export interface EmailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Template name, logged with the email. */
  template: string;
  body: ReactElement;
  userId?: string;
  appointmentId?: string;
  attachments?: EmailAttachment[];
  /** Resend de-duplicates on this for 24 h, so a retried job sends once. */
  idempotencyKey?: string;
  /**
   * What the recipient can switch off (lib/notifications/preferences.ts). Set
   * on every non-essential email, with `userId`: it is sent only while allowed,
   * and carries the one-click unsubscribe headers and footer link. Account and
   * security emails leave it out and always go.
   */
  kind?: NotificationKind;
}

export type SendOutcome =
  | { status: "sent" | "stored"; id: string; providerId?: string }
  | { status: "suppressed"; id: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; id: string; error: string };

/** What a job's email step returns (and the runner stores as the step's result). */
export type MailResult = { outcome: "sent" | "stored" | "suppressed"; emailId: string } | { outcome: "skipped"; reason: string };

/** Query parameters of emailed links that open an account (reset, verification): secrets, whoever reads the table. */
const SECRET_LINK_PARAMETERS = ["token"];

/**
 * The email's text with the value of every secret link parameter replaced by
 * "[redacted]", in plain text ("?token=…") and in HTML attributes ("&amp;token=…").
 */
export function redactLinkSecrets(content: string): string {
  const names = SECRET_LINK_PARAMETERS.join("|");
  return content.replace(new RegExp(`([?&](?:amp;)?(?:${names})=)[^&#"'<>\\s\\]\\)]+`, "gi"), "$1[redacted]");
}

/**
 * The one way Careslot sends an email: through Resend when a key is configured,
 * otherwise into the dev mailbox table. Either way the attempt is logged. A
 * sent email is recorded with its links' tokens redacted (the table is a log,
 * not a second way into the account); only the dev mailbox, where no email
 * leaves the server, keeps whole links, since they are how one signs up there.
 */
export async function sendEmail(db: Db, email: OutgoingEmail): Promise<SendOutcome> {
  const optional = email.kind && email.userId ? { kind: email.kind, userId: email.userId } : null;
  if (optional && !(await notificationAllowed(db, optional.userId, optional.kind, "email")))
    return { status: "skipped", reason: "switched off by the recipient" };
  const footer = optional ? await footerLinks(db, optional) : null;
  const { html, text } = await emailFooterLinks.run(footer, () => renderEmail(email.body));
  const base = {
    toAddress: email.to,
    subject: email.subject,
    template: email.template,
    kind: email.kind ?? null,
    html,
    text,
    userId: email.userId,
    appointmentId: email.appointmentId,
  };
  // An address that hard-bounced or complained gets nothing more (the user sees a banner to correct it).
  if (await isAddressUndeliverable(db, email.to)) {
    const id = await recordEmail(db, { ...base, provider: env().RESEND_API_KEY ? "resend" : "mailbox", status: "suppressed", error: "address undeliverable" });
    return { status: "suppressed", id };
  }
  const apiKey = env().RESEND_API_KEY;

  if (!apiKey) {
    const id = await recordEmail(db, { ...base, provider: "mailbox", status: "stored", attachments: email.attachments?.length ? email.attachments : null });
    return { status: "stored", id };
  }
  const logged = { ...base, html: redactLinkSecrets(html), text: redactLinkSecrets(text) };

  const resend = new Resend(apiKey);
  const { data, error } = await resend.emails.send(
    {
      from: env().MAIL_FROM,
      to: email.to,
      subject: email.subject,
      html,
      text,
      headers: optional ? unsubscribeHeaders(optional.userId, optional.kind) : undefined,
      attachments: email.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content).toString("base64"), contentType: a.contentType })),
    },
    email.idempotencyKey ? { idempotencyKey: email.idempotencyKey } : undefined,
  );
  if (error || !data) {
    const message = error?.message ?? "no response from the mail provider";
    const id = await recordEmail(db, { ...logged, provider: "resend", status: "failed", error: message });
    logger.error({ emailId: id, template: email.template, error: message }, "email send failed");
    return { status: "failed", id, error: message };
  }
  const id = await recordEmail(db, { ...logged, provider: "resend", status: "sent", providerId: data.id });
  return { status: "sent", id, providerId: data.id };
}

async function footerLinks(db: Db, to: { userId: string; kind: NotificationKind }) {
  const user = await getUserById(db, to.userId);
  return { unsubscribeUrl: unsubscribePageUrl(to.userId, to.kind), preferencesUrl: absoluteUrl(`/${user?.role ?? "patient"}/account#notifications`) };
}

async function renderEmail(body: ReactElement): Promise<{ html: string; text: string }> {
  return { html: await render(body), text: await render(body, { plainText: true }) };
}

class Rehearsal extends Error {}

/**
 * The work of sending `email` to the mailbox (rendering it, writing its row)
 * in a transaction that is rolled back: nothing is stored or sent. For an
 * answer that must take as long whether or not it sends (forgot-password for
 * an unknown address). A mail provider's own round trip is not rehearsed.
 */
export async function rehearseEmail(db: Db, email: OutgoingEmail): Promise<void> {
  const { html, text } = await renderEmail(email.body);
  try {
    await db.transaction(async (tx) => {
      await recordEmail(tx, { toAddress: email.to, subject: email.subject, template: email.template, html, text, provider: "mailbox", status: "stored" });
      throw new Rehearsal();
    });
  } catch (error) {
    if (!(error instanceof Rehearsal)) throw error;
  }
}

/** For a job's step: sends, and throws when the provider refuses, so the step is retried. */
export async function sendFromJob(db: Db, email: OutgoingEmail, what: string): Promise<MailResult> {
  // A deleted account's placeholder address can never receive mail: a job still
  // about its visits (the cancellations its deletion made) tells only the doctor.
  if (isErasedEmail(email.to)) return { outcome: "skipped", reason: "recipient account deleted" };
  const result = await sendEmail(db, email);
  if (result.status === "failed") throw new Error(`${what} failed: ${result.error}`);
  if (result.status === "skipped") return { outcome: "skipped", reason: result.reason };
  return { outcome: result.status, emailId: result.id };
}

export type ResendWebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/**
 * A Resend webhook's parsed body when its svix signature (svix-id,
 * svix-timestamp, svix-signature over the raw body, with RESEND_WEBHOOK_SECRET;
 * stale timestamps refused) checks out; null otherwise, and always null with no secret set.
 */
export function verifyResendSignature(payload: string, headers: ResendWebhookHeaders): unknown {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret || !headers.id || !headers.timestamp || !headers.signature) return null;
  try {
    // Verification is offline; the client only needs some key to be built.
    const resend = new Resend(env().RESEND_API_KEY ?? "re_webhook_verification_only");
    return resend.webhooks.verify({ payload, headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature }, webhookSecret: secret });
  } catch {
    return null;
  }
}
