import { z } from "zod";
import type { MessageLogFilter } from "@/db/queries/message-log";
import { emailStatus, notificationChannel, notificationKind } from "@/db/schema";
import { notificationKinds } from "./preferences";
import { pageNumberSchema } from "@/lib/validation/paging";
import { boundedDate, optionalParam, singleLineText } from "@/lib/validation/text";

// The admin's "Emails and messages" log (app/admin/messages): filters from the URL, checked here.

export const messageStatuses = emailStatus.enumValues;

export const statusLabels: Record<(typeof messageStatuses)[number], string> = {
  stored: "Stored (dev mailbox)",
  sent: "Sent",
  delivered: "Delivered",
  delayed: "Delayed",
  bounced: "Bounced",
  complained: "Complained",
  undelivered: "Undelivered",
  failed: "Failed",
  suppressed: "Suppressed",
};

/** Short names, so the filter fits a phone: "Bookings and changes" for "Booking confirmations and changes". */
export const kindLabels: Record<string, string> = {
  account: "Account and security",
  ...Object.fromEntries(Object.entries(notificationKinds).map(([kind, { label }]) => [kind, kind === "booking" ? "Bookings and changes" : label])),
};

export const channelLabels = { email: "Email", sms: "SMS" } as const;

const optional = <T extends z.ZodType>(schema: T) => optionalParam(schema);
const text = singleLineText()
  .max(120, "Keep each filter under 120 characters.")
  .optional()
  .transform((v) => v || undefined);

const filterSchema = z
  .object({
    status: optional(z.enum(messageStatuses, { error: "Choose a status from the list." })),
    kind: optional(z.enum(["account", ...notificationKind.enumValues], { error: "Choose a kind from the list." })),
    channel: optional(z.enum(notificationChannel.enumValues, { error: "Choose email or SMS." })),
    recipient: text,
    from: optionalParam(boundedDate()),
    to: optionalParam(boundedDate()),
    page: pageNumberSchema,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must not be before the start date." });

export type MessageLogValues = z.output<typeof filterSchema>;

export function parseMessageLogFilter(params: Record<string, string | string[] | undefined>): { values: MessageLogValues; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = filterSchema.safeParse(raw);
  if (parsed.success) return { values: parsed.data, problems: [] };
  return { values: { page: 1 } as MessageLogValues, problems: parsed.error.issues.map((issue) => issue.message) };
}

const DAY_MS = 86_400_000;

export function toMessageLogQuery(values: MessageLogValues): MessageLogFilter {
  return {
    status: values.status,
    kind: values.kind,
    channel: values.channel,
    recipient: values.recipient,
    from: values.from ? new Date(`${values.from}T00:00:00Z`) : undefined,
    to: values.to ? new Date(new Date(`${values.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}
