import { createHash, randomBytes, randomInt } from "node:crypto";

/** A URL-safe secret for an emailed link; only its hash is stored. */
export function createSecretToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A 6-digit code to type instead of following a link; hashed with its user's id, since codes repeat across users. */
export function createEmailCode(userId: string): { code: string; codeHash: string } {
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  return { code, codeHash: hashEmailCode(userId, code) };
}

export function hashEmailCode(userId: string, code: string): string {
  return hashToken(`${userId}:${code}`);
}
