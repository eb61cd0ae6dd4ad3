import { createHmac, hkdfSync, randomInt } from "node:crypto";

// Recovery codes: ten per confirmed authenticator, each 10 random characters
// of Crockford's base32 alphabet (no I, L, O, U: nothing to misread), shown
// once as "XXXXX-XXXXX", about 50 bits each.
//
// Stored as HMAC-SHA-256 under a key derived from AUTH_SECRET, not argon2: a
// code is random with 50 bits, not a person's password, so a slow hash adds
// nothing a keyed one does not; the key (never in the database) makes a
// stolen dump useless for guessing, and a deterministic hash lets the use of
// a code be one UPDATE … WHERE code_hash = … AND used_at IS NULL, atomic
// against parallel attempts. Changing AUTH_SECRET invalidates unused codes
// (README: Two-factor authentication).

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: any case, with or without the hyphen and spaces; Crockford's look-alikes read as the digit they stand for. */
export function normaliseRecoveryCode(code: string): string | null {
  const plain = code
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return plain.length === LENGTH && [...plain].every((char) => ALPHABET.includes(char)) ? plain : null;
}

export function recoveryCodeKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "careslot", "two-factor recovery codes", 32));
}

/** The stored form of a code (normalised first, so the typed form does not matter). */
export function hashRecoveryCode(key: Buffer, code: string): string | null {
  const plain = normaliseRecoveryCode(code);
  return plain === null ? null : createHmac("sha256", key).update(plain).digest("base64url");
}
