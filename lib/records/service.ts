import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  deleteOwnMedicalRecord,
  deleteRecordShare,
  getAppointmentForSharing,
  getMedicalRecord,
  insertMedicalRecord,
  insertRecordShare,
} from "@/db/queries/records";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { deleteFile, saveFile } from "@/lib/storage";
import { checkUpload } from "@/lib/storage/uploads";
import type { Actor } from "@/lib/vocabulary";
import type { RecordType } from "./schemas";

// A record is a row and a file, and the two must never diverge. Upload writes
// the file first, then the row (with its audit entry) in one transaction, and
// removes the file again if that transaction fails: at worst nothing remains.
// Delete removes the row first (so access ends at once) and the file after the
// commit: at worst an unreachable file remains, never a row without its file.

function requirePatient(actor: Actor) {
  if (actor.role !== "patient") throw new AppError("forbidden", "Only patients can manage their medical records.");
}

const extensions: Record<string, string> = { "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png" };

/** The shown name ends with the extension of what the file really is ("scan.pdf" that is a PNG becomes "scan.pdf.png"). */
export function nameForContent(name: string, contentType: string): string {
  const extension = extensions[contentType];
  if (!extension) return name;
  const lower = name.toLowerCase();
  const matches = extension === ".jpg" ? lower.endsWith(".jpg") || lower.endsWith(".jpeg") : lower.endsWith(extension);
  return matches ? name : `${name}${extension}`;
}

/** Stores one document; the details were parsed at the boundary, the file is checked here by its content. */
export async function uploadRecord(db: Db, actor: Actor, input: { title: string; recordType: RecordType; file: File | null }) {
  requirePatient(actor);
  const checked = await checkUpload(input.file, "record");
  if (!checked.ok) throw new AppError("invalid_input", `${checked.message} Nothing was uploaded.`, { file: [checked.message] });
  const details = { title: input.title, recordType: input.recordType };

  const fileKey = await saveFile("records", checked.content, checked.contentType);
  try {
    return await db.transaction(async (tx) => {
      const record = await insertMedicalRecord(tx, {
        patientId: actor.id,
        title: details.title,
        recordType: details.recordType,
        fileKey,
        originalName: nameForContent(checked.originalName, checked.contentType),
        contentType: checked.contentType,
        sizeBytes: checked.sizeBytes,
      });
      await insertAuditEntry(tx, {
        actorId: actor.id,
        actorRole: "patient",
        action: "record.uploaded",
        entityType: "medical_record",
        entityId: record.id,
        after: {
          title: record.title,
          recordType: record.recordType,
          originalName: record.originalName,
          contentType: record.contentType,
          sizeBytes: record.sizeBytes,
        },
      });
      return record;
    });
  } catch (error) {
    await deleteFile(fileKey).catch((cleanup: unknown) => logger.error({ err: cleanup, fileKey }, "orphaned upload could not be removed"));
    throw error;
  }
}

export async function deleteRecord(db: Db, actor: Actor, { recordId }: { recordId: string }) {
  requirePatient(actor);
  const deleted = await db.transaction(async (tx) => {
    const record = await deleteOwnMedicalRecord(tx, recordId, actor.id);
    if (!record) throw new AppError("not_found", "That document does not exist.");
    await insertAuditEntry(tx, {
      actorId: actor.id,
      actorRole: "patient",
      action: "record.deleted",
      entityType: "medical_record",
      entityId: record.id,
      before: { title: record.title, originalName: record.originalName, fileKey: record.fileKey },
    });
    return record;
  });
  try {
    await deleteFile(deleted.fileKey);
  } catch (error) {
    // The row is gone, so nobody can reach the file; it is logged for clean-up.
    logger.error({ err: error, fileKey: deleted.fileKey }, "record file could not be deleted");
  }
  return deleted;
}

type ShareInput = { recordId: string; appointmentId: string };

async function ownedRecordAndAppointment(tx: Db, actor: Actor, input: ShareInput) {
  const [record, appointment] = await Promise.all([getMedicalRecord(tx, input.recordId), getAppointmentForSharing(tx, input.appointmentId)]);
  if (!record || record.patientId !== actor.id) throw new AppError("not_found", "That document does not exist.");
  if (!appointment || appointment.patientId !== actor.id) throw new AppError("not_found", "That appointment does not exist.");
  return { record, appointment };
}

/** Shares one of the patient's records with the doctor of one of their (not cancelled) appointments. */
export async function shareRecord(db: Db, actor: Actor, input: ShareInput) {
  requirePatient(actor);
  return db.transaction(async (tx) => {
    const { record, appointment } = await ownedRecordAndAppointment(tx, actor, input);
    if (appointment.status === "cancelled") throw new AppError("conflict", "That appointment was cancelled; share the document on another one.");
    const share = await insertRecordShare(tx, { recordId: record.id, appointmentId: appointment.id, doctorId: appointment.doctorId });
    if (!share) return { shared: false };
    await insertAuditEntry(tx, {
      actorId: actor.id,
      actorRole: "patient",
      action: "record.shared",
      entityType: "medical_record",
      entityId: record.id,
      after: { appointmentId: appointment.id, doctorId: appointment.doctorId },
    });
    return { shared: true };
  });
}

/** Takes a share back; the doctor's next download is refused. */
export async function unshareRecord(db: Db, actor: Actor, input: ShareInput) {
  requirePatient(actor);
  return db.transaction(async (tx) => {
    const { record, appointment } = await ownedRecordAndAppointment(tx, actor, input);
    const removed = await deleteRecordShare(tx, record.id, appointment.id);
    if (!removed) return { unshared: false };
    await insertAuditEntry(tx, {
      actorId: actor.id,
      actorRole: "patient",
      action: "record.unshared",
      entityType: "medical_record",
      entityId: record.id,
      before: { appointmentId: appointment.id, doctorId: removed.doctorId },
    });
    return { unshared: true };
  });
}
