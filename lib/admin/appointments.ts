import "server-only";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type AdminAppointmentFilter, listAppointmentsChunk } from "@/db/queries/appointments";
import { cancelAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { statusLabels } from "@/lib/format";
import { boundedDate, optionalParam, singleLineText } from "@/lib/validation/text";
import { appointmentStatus } from "@/lib/vocabulary";
import { assertAdmin, requireActiveAdmin, type Actor } from "./actor";

const isoDate = optionalParam(boundedDate());
const optionalText = singleLineText()
  .max(100, "Keep the search under 100 characters.")
  .optional()
  .transform((v) => v || undefined);

/** The filter in the URL: the page, the CSV export and the bulk form all read the same one. */
export const appointmentFilterSchema = z
  .object({
    // An empty form field ("status=") means "any".
    status: optionalParam(z.enum(appointmentStatus.enumValues, { error: "Choose a status from the list." })),
    doctor: optionalText,
    patient: optionalText,
    from: isoDate,
    to: isoDate,
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must not be before the start date." });

export type AppointmentFilterValues = z.output<typeof appointmentFilterSchema>;

const DAY_MS = 86_400_000;

/** Dates are whole UTC days; "to" is inclusive. */
export function toQueryFilter(values: AppointmentFilterValues): AdminAppointmentFilter {
  return {
    statuses: values.status ? [values.status] : undefined,
    doctor: values.doctor,
    patient: values.patient,
    from: values.from ? new Date(`${values.from}T00:00:00Z`) : undefined,
    to: values.to ? new Date(new Date(`${values.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}

/** Reads a filter from query parameters; a bad value is reported and ignored instead of failing the page. */
export function parseAppointmentFilter(params: Record<string, string | string[] | undefined>): { values: AppointmentFilterValues; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = appointmentFilterSchema.safeParse(raw);
  if (parsed.success) return { values: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => issue.message);
  return { values: { doctor: undefined, patient: undefined, page: 1 }, problems };
}

export type BulkCancelOutcome = { id: string; ok: true } | { id: string; ok: false; message: string };

/**
 * Cancels each selected appointment through the booking service, as an admin,
 * one transaction per appointment: each one's audit row, patient notice
 * (outbox) and refund by policy commit with it. One that cannot be cancelled
 * (already past, already cancelled) is reported and does not stop the others.
 */
export async function bulkCancelAppointments(db: Db, actor: Actor, data: { appointmentIds: string[]; reason: string }, now: Date) {
  assertAdmin(actor);
  const admin = await requireActiveAdmin(db, actor);
  const outcomes: BulkCancelOutcome[] = [];
  for (const id of data.appointmentIds) {
    try {
      await cancelAppointment(db, { appointmentId: id, actor: { id: admin.id, role: "admin" }, reason: data.reason }, now);
      outcomes.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ id, ok: false, message: error.message });
    }
  }
  return { cancelled: outcomes.filter((o) => o.ok).length, outcomes };
}

const csvColumns = [
  { key: "id", header: "Appointment ID" },
  { key: "startsAt", header: "Starts at (UTC)" },
  { key: "endsAt", header: "Ends at (UTC)" },
  { key: "status", header: "Status" },
  { key: "doctorName", header: "Doctor" },
  { key: "doctorEmail", header: "Doctor email" },
  { key: "specialization", header: "Specialization" },
  { key: "patientName", header: "Patient" },
  { key: "patientEmail", header: "Patient email" },
  { key: "price", header: "Price" },
  { key: "currency", header: "Currency" },
  { key: "reason", header: "Reason for visit" },
  { key: "cancellationReason", header: "Cancellation reason" },
  { key: "cancelledBy", header: "Cancelled by" },
  { key: "createdAt", header: "Booked at (UTC)" },
] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula; text that
 * patients typed is prefixed with an apostrophe so it stays text (OWASP's
 * advice for CSV injection). Quoting itself is csv-stringify's job.
 */
export function neutraliseFormula(text: string | null): string {
  if (!text) return "";
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

type ChunkRow = Awaited<ReturnType<typeof listAppointmentsChunk>>[number];

export function csvRecord(row: ChunkRow): Record<(typeof csvColumns)[number]["key"], string> {
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: statusLabels[row.status],
    doctorName: neutraliseFormula(row.doctorName),
    doctorEmail: neutraliseFormula(row.doctorEmail),
    specialization: row.specialization ?? "",
    patientName: neutraliseFormula(row.patientName),
    patientEmail: neutraliseFormula(row.patientEmail),
    price: (row.priceMinor / 100).toFixed(2),
    currency: row.currency,
    reason: neutraliseFormula(row.reason),
    cancellationReason: neutraliseFormula(row.cancellationReason),
    cancelledBy: row.cancelledBy ?? "",
    createdAt: row.createdAt.toISOString(),
  };
}

const CHUNK = 500;

/** The filtered appointments as CSV, streamed chunk by chunk (oldest first), header row first. */
export async function appointmentsCsvStream(db: Db, actor: Actor, filter: AdminAppointmentFilter): Promise<ReadableStream<Uint8Array>> {
  await requireActiveAdmin(db, actor);
  const encoder = new TextEncoder();
  let cursor: { startsAt: Date; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await listAppointmentsChunk(db, filter, cursor, CHUNK);
      const text = stringify(rows.map(csvRecord), { header: !headerSent, columns: csvColumns.map((c) => ({ key: c.key, header: c.header })) });
      headerSent = true;
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < CHUNK) {
        controller.close();
        return;
      }
      const last = rows[rows.length - 1];
      cursor = { startsAt: last.startsAt, id: last.id };
    },
  });
}
