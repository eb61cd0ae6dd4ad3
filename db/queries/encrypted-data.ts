import "server-only";
import { eq, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { textEnvelopePrefix } from "../crypto";
import { certificates, consultationNotes, doctorProfiles, medicalRecords, patientProfiles, twoFactorCredentials } from "../schema";

// Every value the app encrypts (db/schema/columns.ts encryptedText, and the
// files lib/storage keeps), for the rotation (lib/encryption/rotation.ts):
// a value not written under the current key, plaintext included, is read
// through the column (decrypted) and written back (encrypted under the current key).

/** Set, and not an envelope under `keyId` (plaintext, or an older key). starts_with: LIKE would read the id's "_" as a wildcard. */
const notUnder = (column: PgColumn, keyId: string): SQL => sql`(${column} is not null and not starts_with(${column}, ${textEnvelopePrefix(keyId)}))`;

/**
 * Rewrites up to `limit` patient profiles whose medical information is not all
 * under `keyId`; returns how many. Rows are locked while rewritten, so a
 * patient's edit meanwhile is applied after, never lost; updated_at is kept.
 */
export async function reencryptPatientProfiles(db: Db, keyId: string, limit: number): Promise<number> {
  const t = patientProfiles;
  const columns = [t.allergies, t.chronicConditions, t.currentMedications, t.bloodType, t.emergencyContactName, t.emergencyContactPhone];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        userId: t.userId,
        updatedAt: t.updatedAt,
        allergies: t.allergies,
        chronicConditions: t.chronicConditions,
        currentMedications: t.currentMedications,
        bloodType: t.bloodType,
        emergencyContactName: t.emergencyContactName,
        emergencyContactPhone: t.emergencyContactPhone,
      })
      .from(t)
      .where(or(...columns.map((column) => notUnder(column, keyId))))
      .orderBy(t.userId)
      .limit(limit)
      .for("update");
    for (const { userId, ...values } of rows) await tx.update(t).set(values).where(eq(t.userId, userId));
    return rows.length;
  });
}

/** The same for two-factor secrets. */
export async function reencryptTwoFactorSecrets(db: Db, keyId: string, limit: number): Promise<number> {
  const t = twoFactorCredentials;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ userId: t.userId, updatedAt: t.updatedAt, secret: t.secret })
      .from(t)
      .where(notUnder(t.secret, keyId))
      .orderBy(t.userId)
      .limit(limit)
      .for("update");
    for (const { userId, ...values } of rows) await tx.update(t).set(values).where(eq(t.userId, userId));
    return rows.length;
  });
}

/** The same for consultation notes (body and patient summary). */
export async function reencryptConsultationNotes(db: Db, keyId: string, limit: number): Promise<number> {
  const t = consultationNotes;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: t.id, updatedAt: t.updatedAt, body: t.body, patientSummary: t.patientSummary })
      .from(t)
      .where(or(notUnder(t.body, keyId), notUnder(t.patientSummary, keyId)))
      .orderBy(t.id)
      .limit(limit)
      .for("update");
    for (const { id, ...values } of rows) await tx.update(t).set(values).where(eq(t.id, id));
    return rows.length;
  });
}

/** Every stored file a row points at, with the content type it was stored with (null for photos: the caller knows theirs). */
export async function listStoredFiles(db: Db): Promise<{ key: string; contentType: string | null }[]> {
  return db
    .select({ key: medicalRecords.fileKey, contentType: sql<string | null>`${medicalRecords.contentType}` })
    .from(medicalRecords)
    .unionAll(db.select({ key: certificates.fileKey, contentType: sql<string | null>`${certificates.contentType}` }).from(certificates))
    .unionAll(
      db
        .select({ key: sql<string>`${patientProfiles.photoKey}`, contentType: sql<string | null>`null` })
        .from(patientProfiles)
        .where(isNotNull(patientProfiles.photoKey)),
    )
    .unionAll(
      db
        .select({ key: sql<string>`${doctorProfiles.photoKey}`, contentType: sql<string | null>`null` })
        .from(doctorProfiles)
        .where(isNotNull(doctorProfiles.photoKey)),
    );
}
