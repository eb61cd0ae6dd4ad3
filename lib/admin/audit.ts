import { z } from "zod";
import type { AuditFilter } from "@/db/queries/admin-audit";

/** What the app writes today, offered as suggestions; the filter accepts any text. */
export const knownAuditActions = [
  "appointment.booked",
  "appointment.cancelled",
  "appointment.rescheduled",
  "appointment.completed",
  "appointment.no_show",
  "doctor.verified",
  "doctor.rejected",
  "user.role_changed",
  "user.deactivated",
  "user.reactivated",
  "specialization.created",
  "specialization.renamed",
  "specialization.deleted",
  "review.hidden",
  "review.restored",
  "review.reports_resolved",
  "settings.updated",
  "record.uploaded",
  "record.deleted",
  "record.shared",
  "record.unshared",
  "record.downloaded",
  "record.access_refused",
  "certificate.viewed",
];

export const knownEntityTypes = ["appointment", "app_settings", "certificate", "doctor_profile", "medical_record", "payment", "refund", "review", "specialization", "user"];

const text = z
  .string()
  .trim()
  .max(120, "Keep each filter under 120 characters.")
  .optional()
  .transform((v) => v || undefined);
const date = z.preprocess((value) => (value === "" ? undefined : value), z.iso.date({ error: "Use a date like 2026-03-31." }).optional());

export const auditFilterSchema = z
  .object({ actor: text, action: text, entityType: text, entityId: text, from: date, to: date, page: z.coerce.number().int().min(1).max(100_000).catch(1) })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must not be before the start date." });

export type AuditFilterValues = z.output<typeof auditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): { values: AuditFilterValues; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return { values: parsed.data, problems: [] };
  return { values: { actor: undefined, action: undefined, entityType: undefined, entityId: undefined, page: 1 }, problems: parsed.error.issues.map((issue) => issue.message) };
}

const DAY_MS = 86_400_000;

export function toAuditQuery(values: AuditFilterValues): AuditFilter {
  return {
    actor: values.actor,
    action: values.action,
    entityType: values.entityType,
    entityId: values.entityId,
    from: values.from ? new Date(`${values.from}T00:00:00Z`) : undefined,
    to: values.to ? new Date(new Date(`${values.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}
