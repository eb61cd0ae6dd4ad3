import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { emails, notificationOptOuts, patientProfiles, phoneVerifications, providerWebhookEvents, smsOptOuts, undeliverableAddresses, users } from "../schema";

export type NotificationKind = (typeof notificationOptOuts.$inferSelect)["kind"];
export type NotificationChannel = (typeof notificationOptOuts.$inferSelect)["channel"];
export type EmailStatus = (typeof emails.$inferSelect)["status"];

export async function listOptOuts(db: Db, userId: string): Promise<{ kind: NotificationKind; channel: NotificationChannel }[]> {
  return db
    .select({ kind: notificationOptOuts.kind, channel: notificationOptOuts.channel })
    .from(notificationOptOuts)
    .where(eq(notificationOptOuts.userId, userId));
}

export async function hasOptedOut(db: Db, input: { userId: string; kind: NotificationKind; channel: NotificationChannel }): Promise<boolean> {
  const [row] = await db
    .select({ kind: notificationOptOuts.kind })
    .from(notificationOptOuts)
    .where(and(eq(notificationOptOuts.userId, input.userId), eq(notificationOptOuts.kind, input.kind), eq(notificationOptOuts.channel, input.channel)));
  return Boolean(row);
}

export async function addOptOut(db: Db, input: { userId: string; kind: NotificationKind; channel: NotificationChannel }): Promise<void> {
  await db.insert(notificationOptOuts).values(input).onConflictDoNothing();
}

/** Replaces the user's whole set of opt-outs (the preferences form says every box at once). */
export async function replaceOptOuts(db: Db, userId: string, optOuts: { kind: NotificationKind; channel: NotificationChannel }[]): Promise<void> {
  await db.delete(notificationOptOuts).where(eq(notificationOptOuts.userId, userId));
  if (optOuts.length) await db.insert(notificationOptOuts).values(optOuts.map((o) => ({ ...o, userId })));
}

// ---- addresses that bounced or complained

export async function isAddressUndeliverable(db: Db, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: undeliverableAddresses.address })
    .from(undeliverableAddresses)
    .where(eq(undeliverableAddresses.address, address.toLowerCase()));
  return Boolean(row);
}

export async function markAddressUndeliverable(db: Db, input: { address: string; reason: "bounced" | "complained"; emailId: string }): Promise<void> {
  await db
    .insert(undeliverableAddresses)
    .values({ ...input, address: input.address.toLowerCase() })
    .onConflictDoNothing();
}

/** The reason the user's current address is refused, if it is (their portal shows a banner). */
export async function getUndeliverableReasonForUser(db: Db, userId: string): Promise<"bounced" | "complained" | null> {
  const [row] = await db
    .select({ reason: undeliverableAddresses.reason })
    .from(users)
    .innerJoin(undeliverableAddresses, eq(undeliverableAddresses.address, sql`lower(${users.email})`))
    .where(eq(users.id, userId));
  return row?.reason ?? null;
}

// ---- delivery webhooks

/** Records a provider's event id; false when it was already recorded (a replay). In the caller's transaction. */
export async function claimWebhookEvent(db: Db, provider: string, eventId: string): Promise<boolean> {
  const rows = await db.insert(providerWebhookEvents).values({ provider, eventId }).onConflictDoNothing().returning({ eventId: providerWebhookEvents.eventId });
  return rows.length > 0;
}

export async function getEmailByProviderId(db: Db, providerId: string) {
  const [row] = await db
    .select({ id: emails.id, status: emails.status, toAddress: emails.toAddress, channel: emails.channel })
    .from(emails)
    .where(eq(emails.providerId, providerId))
    .limit(1);
  return row;
}

export async function setEmailStatus(db: Db, id: string, status: EmailStatus, error?: string | null): Promise<void> {
  await db
    .update(emails)
    .set({ status, updatedAt: new Date(), ...(error !== undefined ? { error } : {}) })
    .where(eq(emails.id, id));
}

// ---- mobile numbers

export async function getMobilePhone(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ phone: patientProfiles.mobilePhone }).from(patientProfiles).where(eq(patientProfiles.userId, userId));
  return row?.phone ?? null;
}

export async function setMobilePhone(db: Db, userId: string, phone: string | null, at: Date): Promise<void> {
  await db
    .update(patientProfiles)
    .set({ mobilePhone: phone, mobileVerifiedAt: phone ? at : null, updatedAt: at })
    .where(eq(patientProfiles.userId, userId));
}

export async function isNumberStopped(db: Db, phone: string): Promise<boolean> {
  const [row] = await db.select({ phone: smsOptOuts.phone }).from(smsOptOuts).where(eq(smsOptOuts.phone, phone));
  return Boolean(row);
}

export async function stopNumber(db: Db, phone: string): Promise<void> {
  await db.insert(smsOptOuts).values({ phone }).onConflictDoNothing();
}

export async function startNumber(db: Db, phone: string): Promise<void> {
  await db.delete(smsOptOuts).where(eq(smsOptOuts.phone, phone));
}

export async function getPhoneVerification(db: Db, userId: string) {
  const [row] = await db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, userId));
  return row;
}

export async function upsertPhoneVerification(
  db: Db,
  values: { userId: string; phone: string; codeHash: string; expiresAt: Date; lastSentAt: Date },
): Promise<void> {
  await db
    .insert(phoneVerifications)
    .values({ ...values, attempts: 0 })
    .onConflictDoUpdate({
      target: phoneVerifications.userId,
      set: {
        phone: values.phone,
        codeHash: values.codeHash,
        expiresAt: values.expiresAt,
        lastSentAt: values.lastSentAt,
        attempts: 0,
        updatedAt: values.lastSentAt,
      },
    });
}

/** Counts one try at the code; returns the row as it now stands (attempts already raised). */
export async function countPhoneCodeAttempt(db: Db, userId: string) {
  const [row] = await db
    .update(phoneVerifications)
    .set({ attempts: sql`${phoneVerifications.attempts} + 1`, updatedAt: new Date() })
    .where(eq(phoneVerifications.userId, userId))
    .returning();
  return row;
}

export async function deletePhoneVerification(db: Db, userId: string): Promise<void> {
  await db.delete(phoneVerifications).where(eq(phoneVerifications.userId, userId));
}

/** A new address for the account, to be confirmed again; false when another account has it. */
export async function changeUserEmail(db: Db, userId: string, email: string, at: Date): Promise<boolean> {
  try {
    await db.update(users).set({ email, emailVerifiedAt: null, updatedAt: at }).where(eq(users.id, userId));
    return true;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "23505") return false;
    throw error;
  }
}
