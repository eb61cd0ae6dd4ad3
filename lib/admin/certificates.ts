import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getCertificate } from "@/db/queries/profiles";
import { FileMissingError, readFile } from "@/lib/storage";
import { auditAdmin, requireActiveAdmin, type Actor } from "./actor";

/** A doctor's certificate for the verification screen: admins only, every view audited. */
export async function openCertificateForAdmin(db: Db, actor: Actor | null, certificateId: string) {
  const admin = await requireActiveAdmin(db, actor);
  if (!z.uuid().safeParse(certificateId).success) return null;
  const certificate = await getCertificate(db, certificateId);
  if (!certificate) return null;
  let content: Buffer;
  try {
    content = await readFile(certificate.fileKey);
  } catch (error) {
    if (error instanceof FileMissingError) return null;
    throw error;
  }
  await auditAdmin(db, admin, { action: "certificate.viewed", entityType: "certificate", entityId: certificate.id, after: { doctorId: certificate.doctorId } });
  return { certificate, content };
}
