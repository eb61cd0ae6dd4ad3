import { hasDataKeys, KEY_ID_PATTERN, setDataKeys, type DataKeys } from "@/db/crypto";
import type { Env } from "@/lib/env-schema";

// The data encryption keys (db/crypto.ts) as the environment gives them:
// DATA_ENCRYPTION_KEYS="<id>:<base64 of 32 random bytes>,<id>:<…>", and
// DATA_ENCRYPTION_KEY_ID naming the one new values are written with (needed
// once there are several). `openssl rand -base64 32` makes a key.

/** The keys a DATA_ENCRYPTION_KEYS value lists; throws an Error whose message names what is wrong (never a key). */
export function parseDataKeys(list: string, currentKeyId: string | undefined): DataKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    const encoded = separator > 0 ? entry.slice(separator + 1).trim() : "";
    if (!KEY_ID_PATTERN.test(id))
      throw new Error("DATA_ENCRYPTION_KEYS must list <id>:<base64 key> pairs separated by commas; an id is 1-32 letters, digits, _ or -");
    if (keys.has(id)) throw new Error(`DATA_ENCRYPTION_KEYS lists the key id "${id}" twice`);
    const key = Buffer.from(encoded, "base64");
    if (key.byteLength !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) {
      throw new Error(`DATA_ENCRYPTION_KEYS: the key "${id}" must be 32 random bytes in base64 (openssl rand -base64 32)`);
    }
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error("DATA_ENCRYPTION_KEYS must list at least one <id>:<base64 key>");
  if (!currentKeyId && keys.size > 1)
    throw new Error("DATA_ENCRYPTION_KEY_ID is required when DATA_ENCRYPTION_KEYS lists several keys: name the one new values are written with");
  const current = currentKeyId ?? [...keys.keys()][0]!;
  if (!keys.has(current)) throw new Error(`DATA_ENCRYPTION_KEY_ID "${current}" is not one of the ids in DATA_ENCRYPTION_KEYS`);
  return { currentKeyId: current, keys };
}

export function dataKeysFrom(config: Pick<Env, "DATA_ENCRYPTION_KEYS" | "DATA_ENCRYPTION_KEY_ID">): DataKeys {
  return parseDataKeys(config.DATA_ENCRYPTION_KEYS, config.DATA_ENCRYPTION_KEY_ID);
}

/** Registers the environment's keys unless some are already (a test's, a script's). Cheap: call it before any use. */
export function ensureDataKeys(config: () => Pick<Env, "DATA_ENCRYPTION_KEYS" | "DATA_ENCRYPTION_KEY_ID">): void {
  if (!hasDataKeys()) setDataKeys(dataKeysFrom(config()));
}
