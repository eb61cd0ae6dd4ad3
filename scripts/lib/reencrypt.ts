import { connectDatabase } from "../../db/client";
import { setDataKeys } from "../../db/crypto";
import { dataKeysFrom } from "../../lib/data-keys";
import { parseEnv } from "../../lib/env-schema";
import { storageDriverFor } from "../../lib/storage/configured";
import type { ReencryptionResult } from "../../lib/encryption/rotation";

/**
 * Every encrypted value and file written under the current data key, with the
 * configuration `raw` describes (DATABASE_URL, DATA_ENCRYPTION_KEYS, storage).
 * Imports the services late: allowServerOnlyImports() must have run.
 */
export async function reencryptWith(raw: Record<string, string | undefined>): Promise<ReencryptionResult> {
  const config = parseEnv(raw);
  setDataKeys(dataKeysFrom(config));
  const { reencryptAll } = await import("../../lib/encryption/rotation");
  const handle = connectDatabase(config.DATABASE_URL, { max: 2 });
  try {
    return await reencryptAll(handle.db, storageDriverFor(config));
  } finally {
    await handle.close();
  }
}

export function describeReencryption(result: ReencryptionResult): string {
  const missing = result.missingFiles.length
    ? `; ${result.missingFiles.length} file(s) a row points at are missing from storage: ${result.missingFiles.join(", ")}`
    : "";
  return `data key "${result.keyId}": ${result.rows} row(s) and ${result.files} file(s) re-encrypted${missing}`;
}
