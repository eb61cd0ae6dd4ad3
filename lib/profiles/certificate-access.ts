import "server-only";
import type { Db } from "@/db/client";
import { getCertificate } from "@/db/queries/profiles";
import type { Actor } from "@/lib/vocabulary";

/**
 * Who may open a professional certificate: the doctor it belongs to and
 * admins (who verify doctors). Nobody else, not even other doctors. Shared by
 * /api/certificates/[id] and the admin verification screens.
 */
export function mayReadCertificate(user: Actor | null, certificate: { doctorId: string }): boolean {
  if (!user) return false;
  return user.role === "admin" || (user.role === "doctor" && user.id === certificate.doctorId);
}

/** The certificate row when the user may read it; undefined otherwise (callers answer 404 either way). */
export async function certificateForUser(db: Db, user: Actor | null, certificateId: string) {
  const certificate = await getCertificate(db, certificateId);
  if (!certificate || !mayReadCertificate(user, certificate)) return undefined;
  return certificate;
}
