import "server-only";
import { and, count, desc, eq, gte, ilike, isNull, lt, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { emails } from "../schema";
import type { PageRequest } from "./paging";
import { offsetOf } from "./paging";
import type { EmailStatus, NotificationChannel, NotificationKind } from "./notifications";
import { likePattern } from "./users";

export interface MessageLogFilter {
  status?: EmailStatus;
  /** A kind a person can switch off, or "account" for account and security messages. */
  kind?: NotificationKind | "account";
  channel?: NotificationChannel;
  /** Part of an address or number. */
  recipient?: string;
  from?: Date;
  to?: Date;
}

function conditions(filter: Omit<MessageLogFilter, "status">): SQL[] {
  const where: SQL[] = [];
  if (filter.kind === "account") where.push(isNull(emails.kind));
  else if (filter.kind) where.push(eq(emails.kind, filter.kind));
  if (filter.channel) where.push(eq(emails.channel, filter.channel));
  if (filter.recipient) where.push(ilike(emails.toAddress, likePattern(filter.recipient)));
  if (filter.from) where.push(gte(emails.createdAt, filter.from));
  if (filter.to) where.push(lt(emails.createdAt, filter.to));
  return where;
}

/** The emails and text messages log, newest first; bodies are left out (the list shows what went where, and how it fared). */
export async function listMessageLog(db: Db, filter: MessageLogFilter, page: PageRequest) {
  const where = and(...conditions(filter), ...(filter.status ? [eq(emails.status, filter.status)] : []));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: emails.id,
        createdAt: emails.createdAt,
        updatedAt: emails.updatedAt,
        channel: emails.channel,
        kind: emails.kind,
        template: emails.template,
        toAddress: emails.toAddress,
        subject: emails.subject,
        provider: emails.provider,
        status: emails.status,
        error: emails.error,
      })
      .from(emails)
      .where(where)
      .orderBy(desc(emails.createdAt), desc(emails.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db.select({ total: count() }).from(emails).where(where),
  ]);
  return { rows, total };
}

/** How many messages each status holds under the other filters (the counts above the list). */
export async function countMessagesByStatus(db: Db, filter: MessageLogFilter): Promise<Partial<Record<EmailStatus, number>>> {
  const rows = await db
    .select({ status: emails.status, n: count() })
    .from(emails)
    .where(and(...conditions(filter)))
    .groupBy(emails.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}
