import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  getPatientForExport,
  listAppointmentHistoryForExport,
  listAppointmentsForExport,
  listPaymentsForExport,
  listRecordsForExport,
  listRefundsForExport,
  listReviewReportsForExport,
  listReviewsForExport,
} from "@/db/queries/patient-data";
import { logger } from "@/lib/logger";
import { FileMissingError, readFile } from "@/lib/storage";
import { zipStream, type ArchiveEntry } from "./zip-stream";

// "Download my data" (GDPR articles 15 and 20): everything Careslot holds
// about a patient that is theirs, as one ZIP — data.json and the files they
// uploaded. Every read is keyed on the patient's own id (db/queries/
// patient-data.ts). Doctors' private consultation notes are the doctor's
// record and are not in it; the summaries doctors shared with the patient are.

export const EXPORT_FORMAT = "careslot-patient-export/1";

const NOT_INCLUDED = [
  "Doctors' private consultation notes (the summary a doctor shared with you is included with each appointment).",
  "Copies of the emails we sent you, and technical logs (sign-in sessions, rate-limit counters).",
];

/** A file name safe inside the archive: no folders, no control characters, never empty. */
export function archiveFileName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_")
    .replace(/^\.+/, "_")
    .trim();
  return cleaned.slice(-120) || "file";
}

/** The name the download is saved under. */
export function exportFileName(now: Date): string {
  return `careslot-my-data-${now.toISOString().slice(0, 10)}.zip`;
}

type ExportData = NonNullable<Awaited<ReturnType<typeof collectPatientData>>>["data"];

export interface PatientExport {
  /** What data.json holds; each file's `included` is settled while the archive is written. */
  data: ExportData;
  files: { path: string; fileKey: string; noted: { included: boolean } }[];
}

async function collectPatientData(db: Db, patientId: string, now: Date) {
  const patient = await getPatientForExport(db, patientId);
  if (!patient || patient.deletedAt) return null;
  const [appointments, history, payments, refunds, reviews, reviewReports, records] = await Promise.all([
    listAppointmentsForExport(db, patientId),
    listAppointmentHistoryForExport(db, patientId),
    listPaymentsForExport(db, patientId),
    listRefundsForExport(db, patientId),
    listReviewsForExport(db, patientId),
    listReviewReportsForExport(db, patientId),
    listRecordsForExport(db, patientId),
  ]);
  const profile = patient.profile;
  const data = {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    account: { id: patient.id, email: patient.email, fullName: patient.fullName, emailVerifiedAt: patient.emailVerifiedAt, createdAt: patient.createdAt },
    profile: {
      phone: profile?.phone ?? null,
      dateOfBirth: profile?.dateOfBirth ?? null,
      gender: profile?.gender ?? null,
      city: profile?.city ?? null,
      latitude: profile?.latitude ?? null,
      longitude: profile?.longitude ?? null,
      timeZone: profile?.timeZone ?? "UTC",
      photo: profile?.photoKey ? { file: "photo.webp", included: true } : null,
    },
    medicalInformation: {
      allergies: profile?.allergies ?? null,
      chronicConditions: profile?.chronicConditions ?? null,
      currentMedications: profile?.currentMedications ?? null,
      bloodType: profile?.bloodType ?? null,
      emergencyContactName: profile?.emergencyContactName ?? null,
      emergencyContactPhone: profile?.emergencyContactPhone ?? null,
    },
    appointments: appointments.map((a) => ({
      id: a.id,
      doctor: { id: a.doctorId, name: a.doctorName, specialization: a.specialization },
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      reason: a.reason,
      price: { amountMinor: a.priceMinor, currency: a.currency },
      cancellation: a.cancelledAt ? { by: a.cancelledBy, at: a.cancelledAt, reason: a.cancellationReason } : null,
      rescheduledFromId: a.rescheduledFromId,
      bookedAt: a.bookedAt,
      consultationSummary: a.patientSummary,
      history: history
        .filter((h) => h.appointmentId === a.id)
        .map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, by: h.by, note: h.note, at: h.at })),
    })),
    payments: payments.map((p) => ({
      ...p,
      refunds: refunds
        .filter((r) => r.paymentId === p.id)
        .map((r) => ({ id: r.id, amountMinor: r.amountMinor, status: r.status, reason: r.reason, createdAt: r.createdAt })),
    })),
    reviews,
    reviewReports,
    records: records.map((record) => ({
      id: record.id,
      title: record.title,
      recordType: record.recordType,
      originalName: record.originalName,
      contentType: record.contentType,
      sizeBytes: record.sizeBytes,
      uploadedAt: record.uploadedAt,
      sharedWith: record.sharedWith,
      file: `records/${record.id}-${archiveFileName(record.originalName)}`,
      included: true,
    })),
    notIncluded: NOT_INCLUDED,
  };
  return { data, photoKey: profile?.photoKey ?? null, recordKeys: new Map(records.map((record) => [record.id, record.fileKey])) };
}

/**
 * Everything for the archive, read in one go, and the export audited. Null
 * when the account is not a (live) patient's. The files' bytes are read later,
 * one at a time, as the archive is streamed.
 */
export async function preparePatientExport(db: Db, patientId: string, now: Date): Promise<PatientExport | null> {
  const collected = await collectPatientData(db, patientId, now);
  if (!collected) return null;
  const { data, photoKey, recordKeys } = collected;
  const files: PatientExport["files"] = data.records.map((record) => ({ path: record.file, fileKey: recordKeys.get(record.id)!, noted: record }));
  if (photoKey && data.profile.photo) files.push({ path: data.profile.photo.file, fileKey: photoKey, noted: data.profile.photo });
  await insertAuditEntry(db, {
    actorId: patientId,
    actorRole: "patient",
    action: "patient.data_exported",
    entityType: "user",
    entityId: patientId,
    after: {
      appointments: data.appointments.length,
      payments: data.payments.length,
      reviews: data.reviews.length,
      records: data.records.length,
      files: files.length,
    },
  });
  return { data, files };
}

/** The archive: each uploaded file under its path, then data.json, which says which files could not be read. */
export function patientExportArchive(prepared: PatientExport): ReadableStream<Uint8Array> {
  const entries: ArchiveEntry[] = prepared.files.map((file) => ({
    name: file.path,
    compress: false,
    content: async () => {
      try {
        return await readFile(file.fileKey);
      } catch (error) {
        // The response has started: a storage outage can only break the download, so it is logged here.
        if (!(error instanceof FileMissingError)) {
          logger.error({ err: error, fileKey: file.fileKey }, "data export stopped: a file could not be read");
          throw error;
        }
        logger.error({ fileKey: file.fileKey }, "file missing from storage during a data export");
        file.noted.included = false;
        return null;
      }
    },
  }));
  return zipStream(entries, () => ({ name: "data.json", text: `${JSON.stringify(prepared.data, null, 2)}\n` }));
}
