import "server-only";
import { randomUUID } from "node:crypto";
import { bytesKeyId, currentDataKeyId, decryptBytes, encryptBytes } from "@/db/crypto";
import { env } from "@/lib/env";
import { ensureDataKeys } from "@/lib/data-keys";
import { storageDriverFor } from "./configured";
import { FileMissingError, type StorageDriver } from "./driver";

export { FileMissingError };
export type { StorageDriver };

/**
 * Uploaded files (medical records, certificates, photos), addressed by opaque
 * keys: in an S3-compatible bucket when S3_BUCKET is set, otherwise in the
 * private STORAGE_DIR. Never under public/; files are only ever served
 * through authorised route handlers. Every file is encrypted before it is
 * stored and decrypted when read (AES-256-GCM, db/crypto.ts), bound to its
 * key so one file cannot be passed off as another; a file stored before
 * encryption existed reads as it is until rewritten (scripts/rotate-data-key.ts).
 */
export type StoragePrefix = "records" | "certificates" | "photos";

const KEY = /^(records|certificates|photos)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
  return key;
}

// `undefined` = read the environment; a value = chosen from it or injected by a test.
let injected: StorageDriver | undefined;
let fromEnv: StorageDriver | undefined;

export function storage(): StorageDriver {
  return injected ?? (fromEnv ??= storageDriverFor(env()));
}

/** Tests swap in a driver (a bucket on a local S3 server, a temporary directory); `undefined` restores the environment's. */
export function setStorageForTests(driver: StorageDriver | undefined): void {
  injected = driver;
}

export async function saveFile(prefix: StoragePrefix, content: Uint8Array, contentType = "application/octet-stream"): Promise<string> {
  ensureDataKeys(env);
  const key = checkedKey(`${prefix}/${randomUUID()}`);
  await storage().put(key, encryptBytes(content, key), contentType);
  return key;
}

/** The file's bytes; throws FileMissingError when the storage no longer holds it. */
export async function readFile(key: string): Promise<Buffer> {
  ensureDataKeys(env);
  return decryptBytes(await storage().get(checkedKey(key)), key);
}

export async function deleteFile(key: string): Promise<void> {
  await storage().remove(checkedKey(key));
}

/**
 * Rewrites one stored file under the current data key, when it is plaintext
 * or under an older key. Keys are never reused for other content, so there is
 * no newer version to overwrite; a file deleted meanwhile is "missing".
 */
export async function reencryptFile(key: string, contentType: string, driver: StorageDriver = storage()): Promise<"rewritten" | "current" | "missing"> {
  ensureDataKeys(env);
  checkedKey(key);
  let stored: Buffer;
  try {
    stored = await driver.get(key);
  } catch (error) {
    if (error instanceof FileMissingError) return "missing";
    throw error;
  }
  if (bytesKeyId(stored) === currentDataKeyId()) return "current";
  await driver.put(key, encryptBytes(decryptBytes(stored, key), key), contentType);
  return "rewritten";
}
