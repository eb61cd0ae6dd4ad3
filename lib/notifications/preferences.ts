import "server-only";
import type { Db } from "@/db/client";
import {
  getMobilePhone,
  getPhoneVerification,
  hasOptedOut,
  isNumberStopped,
  listOptOuts,
  replaceOptOuts,
  type NotificationChannel,
  type NotificationKind,
} from "@/db/queries/notifications";
import type { Role } from "@/lib/vocabulary";

export type { NotificationChannel, NotificationKind } from "@/db/queries/notifications";

/** The kinds a person can switch off, as the "Notifications" section and the unsubscribe page name them. */
export const notificationKinds: Record<NotificationKind, { label: string; description: string }> = {
  booking: { label: "Booking confirmations and changes", description: "A visit booked, moved or cancelled, and links to pay for a held visit." },
  reminders: { label: "Reminders", description: "A reminder before each visit." },
  receipts: { label: "Receipts", description: "Receipts for payments and refund notices." },
  monthly_reports: { label: "Monthly reports", description: "Your practice's report when a month ends." },
  review_replies: { label: "Review replies", description: "When a doctor answers your review." },
};

export const notificationChannels: Record<NotificationChannel, string> = { email: "Email", sms: "SMS" };

/**
 * What each role receives, and on which channels: only patients have a mobile
 * number, and only visit notices (booking and changes, reminders) are texted.
 */
export function kindsFor(role: Role): { kind: NotificationKind; channels: NotificationChannel[] }[] {
  if (role === "patient") {
    return [
      { kind: "booking", channels: ["email", "sms"] },
      { kind: "reminders", channels: ["email", "sms"] },
      { kind: "receipts", channels: ["email"] },
      { kind: "review_replies", channels: ["email"] },
    ];
  }
  if (role === "doctor") {
    return [
      { kind: "booking", channels: ["email"] },
      { kind: "monthly_reports", channels: ["email"] },
    ];
  }
  return [];
}

/**
 * The one question every non-essential send asks: may this kind go to this
 * user on this channel? No opt-out row means yes. Account and security
 * messages have no kind and never ask.
 */
export async function notificationAllowed(db: Db, userId: string, kind: NotificationKind, channel: NotificationChannel): Promise<boolean> {
  return !(await hasOptedOut(db, { userId, kind, channel }));
}

export type PreferenceGrid = { kind: NotificationKind; channel: NotificationChannel; on: boolean }[];

/** Every box of the user's role, on or off. */
export async function preferenceGrid(db: Db, user: { id: string; role: Role }): Promise<PreferenceGrid> {
  const off = new Set((await listOptOuts(db, user.id)).map((o) => `${o.kind}/${o.channel}`));
  return kindsFor(user.role).flatMap(({ kind, channels }) => channels.map((channel) => ({ kind, channel, on: !off.has(`${kind}/${channel}`) })));
}

/**
 * Saves the form: the boxes of the user's role that are left unticked are
 * switched off, all others on. A box another role has cannot be set here.
 */
export async function savePreferences(db: Db, user: { id: string; role: Role }, ticked: Set<string>): Promise<void> {
  const off = kindsFor(user.role).flatMap(({ kind, channels }) =>
    channels.filter((channel) => !ticked.has(`${kind}/${channel}`)).map((channel) => ({ kind, channel })),
  );
  await db.transaction((tx) => replaceOptOuts(tx, user.id, off));
}

/** The mobile number side of a patient's "Notifications": the confirmed number, or the one awaiting its code. */
export async function mobileNumberState(db: Db, userId: string): Promise<{ confirmed: string | null; pending: string | null; stopped: boolean }> {
  const [confirmed, pending] = await Promise.all([getMobilePhone(db, userId), getPhoneVerification(db, userId)]);
  return { confirmed, pending: pending?.phone ?? null, stopped: confirmed ? await isNumberStopped(db, confirmed) : false };
}
