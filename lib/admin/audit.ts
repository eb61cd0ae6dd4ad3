import { z } from "zod";
import { pageNumberSchema } from "@/lib/validation/paging";
import type { AuditFilter } from "@/db/queries/audit";
import { boundedDate, optionalParam, singleLineText } from "@/lib/validation/text";

/** Every action the app writes (a test keeps this list complete), offered as suggestions in the filter. */
export const knownAuditActions = [
  "api_token.created",
  "api_token.revoked",
  "appointment.booked",
  "appointment.cancelled",
  "appointment.completed",
  "appointment.no_show",
  "appointment.paid",
  "appointment.rescheduled",
  "availability.override_deleted",
  "availability.override_saved",
  "availability.rules_replaced",
  "availability.settings_updated",
  "certificate.added",
  "certificate.removed",
  "certificate.viewed",
  "consultation_note.saved",
  "doctor.rejected",
  "doctor.verified",
  "doctor_profile.updated",
  "job_run.retried",
  "outbox.retried",
  "patient.account_deleted",
  "patient.data_exported",
  "patient_profile.updated",
  "payment.late_refund",
  "payment.marked_paid",
  "payment.mismatch",
  "payment.received",
  "payment.refunded_manually",
  "profile.photo_changed",
  "profile.photo_removed",
  "record.access_refused",
  "record.deleted",
  "record.downloaded",
  "record.shared",
  "record.unshared",
  "record.uploaded",
  "refund.failed",
  "refund.recorded",
  "refund.retried",
  "refund.sent",
  "refund.succeeded",
  "reports.generated",
  "review.created",
  "review.deleted",
  "review.hidden",
  "review.replied",
  "review.reported",
  "review.reports_resolved",
  "review.restored",
  "review.updated",
  "settings.updated",
  "specialization.created",
  "specialization.deleted",
  "specialization.renamed",
  "user.deactivated",
  "user.details_changed",
  "user.email_changed",
  "user.google_linked",
  "user.google_unlinked",
  "user.password_changed",
  "user.reactivated",
  "user.role_changed",
  "user.two_factor_reset",
  "user.walk_in_created",
  "wallet.adjusted",
  "wallet.top_up_mismatch",
  "wallet.topped_up",
  "wallet.withdrawal_requested",
];

/** Offered as suggestions; the filter accepts any text. */
export const knownEntityTypes = [
  "app_settings",
  "appointment",
  "certificate",
  "doctor_profile",
  "job_run",
  "medical_record",
  "outbox",
  "patient_profile",
  "payment",
  "refund",
  "report_month",
  "review",
  "specialization",
  "user",
];

const text = singleLineText()
  .max(120, "Keep each filter under 120 characters.")
  .optional()
  .transform((v) => v || undefined);
const date = optionalParam(boundedDate());

export const auditFilterSchema = z
  .object({ actor: text, action: text, entityType: text, entityId: text, from: date, to: date, page: pageNumberSchema })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must not be before the start date." });

export type AuditFilterValues = z.output<typeof auditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): { values: AuditFilterValues; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return { values: parsed.data, problems: [] };
  return {
    values: { actor: undefined, action: undefined, entityType: undefined, entityId: undefined, page: 1 },
    problems: parsed.error.issues.map((issue) => issue.message),
  };
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
