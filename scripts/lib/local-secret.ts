import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A per-checkout AUTH_SECRET for local runs, kept under .data/ so sessions survive restarts. */
export function localAuthSecret(): string {
  const file = path.resolve(".data", "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(33).toString("base64");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
