import "server-only";
import type { Db } from "@/db/client";
import {
  claimTotpStep,
  confirmCredential,
  countUnusedRecoveryCodes,
  deleteCredential,
  getTwoFactorCredential,
  insertPendingCredential,
  replaceRecoveryCodes,
  spendRecoveryCode,
} from "@/db/queries/two-factor";
import { clearThrottle, updateThrottle } from "@/db/queries/sign-in-throttle";
import { getUserById } from "@/db/queries/users";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { securityEvent } from "@/lib/logger";
import { emailKey } from "../accounts";
import { checkPasswordAttempt } from "../credentials";
import { checkLockout, lockoutMessage, reserveAttempt } from "../lockout";
import { generateRecoveryCodes, hashRecoveryCode, recoveryCodeKey } from "./recovery-codes";
import { generateTotpSecret, looksLikeTotpCode, matchingTotpStep, totpUri } from "./totp";

// Two-factor authentication of one account: set-up (a secret confirmed by one
// code, then ten recovery codes shown once), the second step of sign-in, and
// turning it off. Every check of a code at sign-in goes through the same
// throttle row as the password (lib/auth/lockout.ts), reserved before the code
// is checked, so a burst of parallel wrong codes is held to the same limit.

export type TwoFactorStatus = { state: "off" } | { state: "setting-up"; secret: string; uri: string } | { state: "on"; since: Date; recoveryCodesLeft: number };

const WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.";

const recoveryKey = () => recoveryCodeKey(env().AUTH_SECRET);

export async function getTwoFactorStatus(db: Db, user: { id: string; email: string }): Promise<TwoFactorStatus> {
  const credential = await getTwoFactorCredential(db, user.id);
  if (!credential) return { state: "off" };
  if (!credential.confirmedAt) return { state: "setting-up", secret: credential.secret, uri: totpUri(credential.secret, user.email) };
  return { state: "on", since: credential.confirmedAt, recoveryCodesLeft: await countUnusedRecoveryCodes(db, user.id) };
}

/** "Set up": a new secret for the authenticator, or the one already being set up (so a reload shows the same QR code). */
export async function beginTwoFactorSetup(db: Db, userId: string): Promise<void> {
  const credential = await insertPendingCredential(db, userId, generateTotpSecret());
  if (credential?.confirmedAt) throw new AppError("conflict", "Two-factor authentication is already on.");
}

/** Drops a set-up that was never confirmed. */
export async function cancelTwoFactorSetup(db: Db, userId: string): Promise<void> {
  const credential = await getTwoFactorCredential(db, userId);
  if (credential && !credential.confirmedAt) await deleteCredential(db, userId);
}

/**
 * Confirms the set-up with one code from the authenticator: from then on
 * sign-in asks for codes. Returns the ten recovery codes, in plain text this
 * once; only their hashes are kept.
 */
export async function confirmTwoFactorSetup(db: Db, userId: string, code: string, now: Date): Promise<string[]> {
  const credential = await getTwoFactorCredential(db, userId);
  if (!credential) throw new AppError("conflict", "Start again with Set up: no set-up is in progress.");
  if (credential.confirmedAt) throw new AppError("conflict", "Two-factor authentication is already on.");
  const step = matchingTotpStep(credential.secret, code, now);
  if (step === null) {
    throw new AppError("invalid_input", "That code did not work.", {
      code: ["That code is not right. Enter the 6-digit code your authenticator app shows for Careslot now."],
    });
  }
  const codes = generateRecoveryCodes();
  const key = recoveryKey();
  return db.transaction(async (tx) => {
    if (!(await confirmCredential(tx, userId, step, now))) throw new AppError("conflict", "Two-factor authentication is already on.");
    await replaceRecoveryCodes(
      tx,
      userId,
      codes.map((plain) => hashRecoveryCode(key, plain)!),
    );
    securityEvent("two_factor_enabled", { userId });
    return codes;
  });
}

/** Whether `code` is a right second factor now: a TOTP code of a step not used before, or an unused recovery code (then used up). */
export async function verifySecondFactor(db: Db, userId: string, code: string, now: Date): Promise<"totp" | "recovery" | null> {
  const credential = await getTwoFactorCredential(db, userId);
  if (!credential?.confirmedAt) return null;
  if (looksLikeTotpCode(code)) {
    const step = matchingTotpStep(credential.secret, code, now);
    if (step === null) return null;
    if (await claimTotpStep(db, userId, step)) return "totp";
    securityEvent("two_factor_code_replayed", { userId });
    return null;
  }
  const hash = hashRecoveryCode(recoveryKey(), code);
  if (hash !== null && (await spendRecoveryCode(db, userId, hash, now))) {
    securityEvent("two_factor_recovery_code_used", { userId });
    return "recovery";
  }
  return null;
}

export type SecondFactorCheck =
  { ok: true; method: "totp" | "recovery" } | { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * The second step of sign-in, under the lockout rule: the attempt is counted
 * on the account's throttle row before the code is looked at (so parallel
 * wrong codes cannot pass the limit, and a right code sent while locked is
 * refused unchecked); a right one clears the count, as a right password does.
 */
export async function checkSecondFactorAttempt(db: Db, user: { id: string; email: string }, code: string, now: Date): Promise<SecondFactorCheck> {
  const key = emailKey(user.email);
  const reservation = await updateThrottle(db, key, now, (current) => {
    const decided = reserveAttempt(current, now);
    return { state: decided.allowed ? decided.state : current, result: decided };
  });
  if (!reservation.allowed) {
    securityEvent("two_factor_refused_locked", { userId: user.id, retryAfterSeconds: reservation.retryAfterSeconds });
    return { ok: false, reason: "locked", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const method = await verifySecondFactor(db, user.id, code, now);
  if (method) {
    await clearThrottle(db, key);
    return { ok: true, method };
  }
  securityEvent("two_factor_failed", { userId: user.id, failures: reservation.state.failures });
  const after = checkLockout(reservation.state, now);
  return after.locked ? { ok: false, reason: "locked", retryAfterSeconds: after.retryAfterSeconds } : { ok: false, reason: "invalid" };
}

/** The words the second step shows for a refusal. */
export function secondFactorRefusal(check: Exclude<SecondFactorCheck, { ok: true }>): AppError {
  if (check.reason === "locked") return new AppError("rate_limited", lockoutMessage(check.retryAfterSeconds));
  return new AppError("unauthenticated", "That code did not work.", { code: [WRONG_CODE] });
}

/** "Turn off": only with the account's password, checked under the same lockout as sign-in. */
export async function turnOffTwoFactor(db: Db, userId: string, password: string, now: Date): Promise<void> {
  const user = await getUserById(db, userId);
  if (!user) throw new AppError("not_found");
  const check = await checkPasswordAttempt(db, { emailKey: emailKey(user.email), passwordHash: user.passwordHash, password }, now);
  if (!check.ok) {
    if (check.reason === "locked") throw new AppError("rate_limited", lockoutMessage(check.retryAfterSeconds, "wrong passwords"));
    throw new AppError("invalid_input", "That password is not right.", { password: ["That password is not right."] });
  }
  if (await deleteCredential(db, userId)) securityEvent("two_factor_disabled", { userId });
}
