import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { emails } from "../schema";

export async function recordEmail(db: Db, values: typeof emails.$inferInsert): Promise<string> {
  const [row] = await db.insert(emails).values(values).returning({ id: emails.id });
  return row.id;
}

/** Whether this kind of email already went out (or into the mailbox) for the appointment. */
export async function hasSentEmail(db: Db, input: { appointmentId: string; template: string; toAddress?: string }): Promise<boolean> {
  const conditions = [eq(emails.appointmentId, input.appointmentId), eq(emails.template, input.template), inArray(emails.status, ["sent", "stored"])];
  if (input.toAddress) conditions.push(eq(emails.toAddress, input.toAddress));
  const [row] = await db
    .select({ id: emails.id })
    .from(emails)
    .where(and(...conditions))
    .limit(1);
  return Boolean(row);
}

export function listMailbox(db: Db, limit = 50) {
  return db
    .select({
      id: emails.id,
      toAddress: emails.toAddress,
      channel: emails.channel,
      subject: emails.subject,
      html: emails.html,
      text: emails.text,
      attachments: emails.attachments,
      createdAt: emails.createdAt,
    })
    .from(emails)
    .where(eq(emails.provider, "mailbox"))
    .orderBy(desc(emails.createdAt))
    .limit(limit);
}

/** One stored (not sent) email, for the dev mailbox's "as sent" view. */
export async function getMailboxMessage(db: Db, id: string) {
  const [row] = await db
    .select({ html: emails.html, attachments: emails.attachments })
    .from(emails)
    .where(and(eq(emails.id, id), eq(emails.provider, "mailbox")));
  return row;
}

/**
 * Retention: clears the bodies (html, text, attachments) of up to `limit`
 * emails written before `before`, keeping the row (to, subject, template,
 * status, provider id) as delivery history; returns how many. Rows another
 * purge holds are skipped, so two servers never wait on each other.
 */
export async function clearEmailBodiesBefore(db: Db, before: Date, limit: number): Promise<number> {
  const cleared = await db.execute<{ id: string }>(sql`
    update emails set html = '', text = '', attachments = null, updated_at = now()
    where id in (
      select id from emails
      where created_at < ${before.toISOString()}::timestamptz and (html <> '' or text <> '' or attachments is not null)
      order by created_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  return cleared.length;
}
