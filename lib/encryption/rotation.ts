import "server-only";
import type { Db } from "@/db/client";
import { currentDataKeyId } from "@/db/crypto";
import { listStoredFiles, reencryptConsultationNotes, reencryptPatientProfiles, reencryptTwoFactorSecrets } from "@/db/queries/encrypted-data";
import { PHOTO_CONTENT_TYPE } from "@/lib/profiles/photos";
import { reencryptFile, storage, type StorageDriver } from "@/lib/storage";

export interface ReencryptionResult {
  keyId: string;
  /** Rows rewritten: patient profiles, consultation notes and two-factor secrets. */
  rows: number;
  /** Files rewritten. */
  files: number;
  /** Files a row points at that the storage does not hold (reported, not an error). */
  missingFiles: string[];
}

const BATCH = 200;

/**
 * Writes every encrypted value and stored file under the current data key
 * (DATA_ENCRYPTION_KEY_ID): values still in plaintext (stored before
 * encryption existed) and values under an older key. What is already under
 * the current key is left alone, so it can be run again, or after an
 * interruption, at no cost. Safe while the app runs: rows are rewritten
 * under a row lock in batches, files are never changed in place by the app.
 * The keys must be registered (lib/data-keys.ts); every old key must still be
 * among them.
 */
export async function reencryptAll(db: Db, files: StorageDriver = storage()): Promise<ReencryptionResult> {
  const keyId = currentDataKeyId();
  let rows = 0;
  for (const rewrite of [reencryptPatientProfiles, reencryptConsultationNotes, reencryptTwoFactorSecrets]) {
    let done: number;
    do {
      done = await rewrite(db, keyId, BATCH);
      rows += done;
    } while (done === BATCH);
  }
  let rewritten = 0;
  const missingFiles: string[] = [];
  for (const file of await listStoredFiles(db)) {
    const outcome = await reencryptFile(file.key, file.contentType ?? PHOTO_CONTENT_TYPE, files);
    if (outcome === "rewritten") rewritten += 1;
    if (outcome === "missing") missingFiles.push(file.key);
  }
  return { keyId, rows, files: rewritten, missingFiles };
}
