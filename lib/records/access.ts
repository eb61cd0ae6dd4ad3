import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import { getMedicalRecord, isRecordSharedWithDoctor, type MedicalRecordRow } from "@/db/queries/records";
import { securityEvent } from "@/lib/logger";
import { FileMissingError, readFile } from "@/lib/storage";
import type { Actor } from "@/lib/vocabulary";

export type Viewer = Actor | null;
export type AccessBasis = "owner" | "shared_doctor" | "admin";

/**
 * Who may download a medical record: the patient who owns it, a doctor it is
 * shared with through one of that doctor's appointments, or an admin. Anyone
 * else — signed out, another patient, another doctor, a doctor whose share
 * was taken back — gets the same answer as for an id that does not exist.
 */
export async function authorizeRecordDownload(db: Db, viewer: Viewer, recordId: string): Promise<{ record: MedicalRecordRow; basis: AccessBasis } | null> {
  if (!viewer || !z.uuid().safeParse(recordId).success) return null;
  const record = await getMedicalRecord(db, recordId);
  if (!record) return null;
  if (viewer.role === "patient" && record.patientId === viewer.id) return { record, basis: "owner" };
  if (viewer.role === "admin") return { record, basis: "admin" };
  if (viewer.role === "doctor" && (await isRecordSharedWithDoctor(db, record.id, viewer.id))) return { record, basis: "shared_doctor" };
  return null;
}

export type RecordDownload = { record: MedicalRecordRow; content: Buffer };

/**
 * Authorises, reads the file and writes the access to the audit log. Refusals
 * by a signed-in user about a real record are audited too (someone probing);
 * ids that do not exist leave only a security log line.
 */
export async function openRecordForDownload(db: Db, viewer: Viewer, recordId: string): Promise<RecordDownload | null> {
  const access = await authorizeRecordDownload(db, viewer, recordId);
  if (!access) {
    securityEvent("record_access_refused", { userId: viewer?.id, role: viewer?.role });
    if (viewer && z.uuid().safeParse(recordId).success && (await getMedicalRecord(db, recordId))) {
      await insertAuditEntry(db, {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "record.access_refused",
        entityType: "medical_record",
        entityId: recordId,
      });
    }
    return null;
  }
  let content: Buffer;
  try {
    content = await readFile(access.record.fileKey);
  } catch (error) {
    if (error instanceof FileMissingError) return null;
    throw error;
  }
  await insertAuditEntry(db, {
    actorId: viewer!.id,
    actorRole: viewer!.role,
    action: "record.downloaded",
    entityType: "medical_record",
    entityId: access.record.id,
    after: { basis: access.basis },
  });
  return { record: access.record, content };
}

/** The viewer as the session names them; anything incomplete counts as signed out. */
export function viewerFromSession(session: { user?: { id?: string; role?: string } | null } | null | undefined): Viewer {
  const id = session?.user?.id;
  const role = session?.user?.role;
  if (!id || (role !== "patient" && role !== "doctor" && role !== "admin")) return null;
  return { id, role };
}
