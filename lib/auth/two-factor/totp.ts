// TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, the
// parameters every authenticator app reads from an otpauth:// URI. Pure: the
// time is passed in.
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after is accepted too: clocks drift and people type slowly. */
const WINDOW = 1;
const ISSUER = "Careslot";

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new random secret, base32 as authenticator apps take it typed in: 160 bits, RFC 4226's recommended size. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What the QR code holds: otpauth://totp/Careslot:<email>?secret=…&issuer=Careslot… */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** The secret in groups of four, easier to type into an app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/** Only six digits (spaces allowed) can be a TOTP code. */
export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ""));
}

/** The 30-second step a right code belongs to (for the once-per-step rule), or null for a wrong code. */
export function matchingTotpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!looksLikeTotpCode(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The code an authenticator shows at `now` (tests and the seed's demo helper use it). */
export function totpCodeAt(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}
