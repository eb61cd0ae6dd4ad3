import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { storageDriverFor } from "./configured";
import { FileMissingError, type StorageDriver } from "./driver";

export { FileMissingError };
export type { StorageDriver };

/**
 * Uploaded files (medical records, certificates, photos), addressed by opaque
 * keys: in an S3-compatible bucket when S3_BUCKET is set, otherwise in the
 * private STORAGE_DIR. Never under public/; files are only ever served
 * through authorised route handlers.
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
  const key = checkedKey(`${prefix}/${randomUUID()}`);
  await storage().put(key, content, contentType);
  return key;
}

/** The file's bytes; throws FileMissingError when the storage no longer holds it. */
export async function readFile(key: string): Promise<Buffer> {
  return storage().get(checkedKey(key));
}

export async function deleteFile(key: string): Promise<void> {
  await storage().remove(checkedKey(key));
}
