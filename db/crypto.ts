import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Encryption at rest for medical information, consultation notes and stored
// files: AES-256-GCM from node:crypto, a fresh 96-bit IV per value, the key id
// stored beside each value so keys can be rotated (scripts/rotate-data-key.ts).
// db/ reads no configuration: the keys are registered at start-up from lib/
// (lib/data-keys.ts, called by lib/db.ts and lib/storage), or by a
// test (tests/setup.ts). Values written before encryption existed are not
// envelopes and read back as they are until rewritten.

export interface DataKeys {
  /** The key new values are written with. */
  currentKeyId: string;
  /** Every key a stored value may name: the current one and those not yet rotated away. */
  keys: ReadonlyMap<string, Buffer>;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

// On globalThis, like the pool in lib/db.ts: a bundler may load this module more than once (dev reloads, bundle layers).
const holder = globalThis as unknown as { __careslotDataKeys?: DataKeys };

/** Registers the keys (undefined forgets them). Refuses a key that is not 32 bytes or a current id that is not among them. */
export function setDataKeys(keys: DataKeys | undefined): void {
  if (keys) {
    for (const [id, key] of keys.keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new Error(`data key id "${id}" must be 1-32 letters, digits, _ or -`);
      if (key.byteLength !== KEY_BYTES) throw new Error(`data key "${id}" must be ${KEY_BYTES} bytes`);
    }
    if (!keys.keys.has(keys.currentKeyId)) throw new Error(`the current data key "${keys.currentKeyId}" is not among the keys`);
  }
  holder.__careslotDataKeys = keys;
}

export function hasDataKeys(): boolean {
  return holder.__careslotDataKeys !== undefined;
}

function registered(): DataKeys {
  const keys = holder.__careslotDataKeys;
  if (!keys) throw new Error("no data encryption keys registered (DATA_ENCRYPTION_KEYS; lib/data-keys.ts registers them)");
  return keys;
}

export function currentDataKeyId(): string {
  return registered().currentKeyId;
}

function keyFor(id: string): Buffer {
  const key = registered().keys.get(id);
  if (!key) throw new Error(`data key "${id}" is not configured: add it to DATA_ENCRYPTION_KEYS until every value is rotated to the current key`);
  return key;
}

/** `context` is bound in as additional data: a value moved to another column or file does not decrypt. */
function seal(plain: Uint8Array, context: string) {
  const keyId = currentDataKeyId();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyFor(keyId), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId, iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(parts: { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer }, context: string): Buffer {
  const decipher = createDecipheriv(ALGORITHM, keyFor(parts.keyId), parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(parts.tag);
  // A wrong key, a changed byte or another context throws here ("Unsupported state or unable to authenticate data").
  return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
}

// ---------------------------------------------------------------- text: "v1:<key id>:<iv>:<tag>:<ciphertext>", base64url

const TEXT_ENVELOPE = /^v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

/** How every text value written under `keyId` begins (the rotation finds the others by it). */
export const textEnvelopePrefix = (keyId: string) => `v1:${keyId}:`;

export function encryptText(plain: string, context: string): string {
  const { keyId, iv, tag, ciphertext } = seal(Buffer.from(plain, "utf8"), context);
  return `${textEnvelopePrefix(keyId)}${iv.toString("base64url")}:${tag.toString("base64url")}:${ciphertext.toString("base64url")}`;
}

/** The plaintext of an envelope; a value that is not one was written before encryption and is returned as it is. */
export function decryptText(stored: string, context: string): string {
  const match = TEXT_ENVELOPE.exec(stored);
  if (!match) return stored;
  const [, keyId, iv, tag, ciphertext] = match as unknown as [string, string, string, string, string];
  return open(
    { keyId, iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), ciphertext: Buffer.from(ciphertext, "base64url") },
    context,
  ).toString("utf8");
}

/** The key id a stored text names, or null for plaintext. */
export function textKeyId(stored: string): string | null {
  return TEXT_ENVELOPE.exec(stored)?.[1] ?? null;
}

// ---------------------------------------------------------------- bytes: "\0CSE1" | key id length | key id | iv | tag | ciphertext

// No uploaded type (PDF, JPEG, PNG, WebP) starts with a NUL byte, so a file without this header is a file stored before encryption.
const FILE_MAGIC = Buffer.from("\0CSE1", "latin1");

export function encryptBytes(plain: Uint8Array, context: string): Buffer {
  const { keyId, iv, tag, ciphertext } = seal(plain, context);
  const id = Buffer.from(keyId, "latin1");
  return Buffer.concat([FILE_MAGIC, Buffer.from([id.byteLength]), id, iv, tag, ciphertext]);
}

function fileHeader(stored: Uint8Array): { keyId: string; bodyStart: number } | null {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes.byteLength < FILE_MAGIC.byteLength + 1 || !bytes.subarray(0, FILE_MAGIC.byteLength).equals(FILE_MAGIC)) return null;
  const idLength = bytes[FILE_MAGIC.byteLength]!;
  const idStart = FILE_MAGIC.byteLength + 1;
  if (bytes.byteLength < idStart + idLength + IV_BYTES + TAG_BYTES) throw new Error("encrypted file is truncated");
  return { keyId: bytes.subarray(idStart, idStart + idLength).toString("latin1"), bodyStart: idStart + idLength };
}

/** The plaintext of an encrypted file; a file stored before encryption is returned as it is. */
export function decryptBytes(stored: Uint8Array, context: string): Buffer {
  const header = fileHeader(stored);
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (!header) return bytes;
  const { keyId, bodyStart } = header;
  return open(
    {
      keyId,
      iv: bytes.subarray(bodyStart, bodyStart + IV_BYTES),
      tag: bytes.subarray(bodyStart + IV_BYTES, bodyStart + IV_BYTES + TAG_BYTES),
      ciphertext: bytes.subarray(bodyStart + IV_BYTES + TAG_BYTES),
    },
    context,
  );
}

/** The key id a stored file names, or null for a file stored before encryption. */
export function bytesKeyId(stored: Uint8Array): string | null {
  return fileHeader(stored)?.keyId ?? null;
}
