import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A random secret kept in .data/<name> (0600), made on first use, so a local install keeps it across restarts. */
function keptSecret(name: string, make: () => string): string {
  const file = path.resolve(".data", name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = make();
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A per-checkout AUTH_SECRET for local runs, kept under .data/ so sessions survive restarts. */
export function localAuthSecret(): string {
  return keptSecret("auth-secret", () => randomBytes(33).toString("base64"));
}

/**
 * A per-checkout DATA_ENCRYPTION_KEYS value ("local:<32 random bytes>"), kept
 * under .data/ beside the database it encrypts: losing the file loses the
 * medical information and files, so back it up with .data/ (README → Security).
 */
export function localDataKeys(): string {
  return keptSecret("data-keys", () => `local:${randomBytes(32).toString("base64")}`);
}
