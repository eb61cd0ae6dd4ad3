/**
 * `npm run db:rotate-key`: writes every encrypted value (patients' medical
 * information, consultation notes) and every stored file under the current
 * data key, DATA_ENCRYPTION_KEY_ID. It also encrypts what was stored before
 * encryption existed (run it once after upgrading). Rotating a key:
 *   1. add the new key to DATA_ENCRYPTION_KEYS and name it in DATA_ENCRYPTION_KEY_ID
 *      (keep the old one listed), deploy;
 *   2. run this script with the same environment;
 *   3. remove the old key from DATA_ENCRYPTION_KEYS.
 * Values already under the current key are skipped, so it can be run again.
 */
import { allowServerOnlyImports } from "./lib/server-only-hook";

allowServerOnlyImports();
const { describeReencryption, reencryptWith } = await import("./lib/reencrypt");
try {
  console.log(describeReencryption(await reencryptWith(process.env)));
} catch (error) {
  console.error("re-encryption failed:", error instanceof Error ? error.message : error);
  process.exit(1);
}
