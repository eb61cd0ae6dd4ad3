import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { consumeAuthToken, insertAuthToken, invalidateAuthTokens } from "@/db/queries/auth-tokens";
import { clearThrottle } from "@/db/queries/sign-in-throttle";
import { findUserByEmail, getUserById, insertUserWithProfile, markEmailVerified, revokeAllSessionsOfUser, updatePasswordHash } from "@/db/queries/users";
import { absoluteUrl } from "@/lib/env";
import { AppError, sqlState } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendEmail } from "@/lib/notifications/mailer";
import { ResetPasswordMessage, VerifyEmailMessage } from "@/lib/notifications/templates/account-emails";
import { hashPassword } from "./password";
import type { RegisterInput } from "./schemas";
import { createSecretToken, hashToken } from "./tokens";

const VERIFY_TTL_MS = 48 * 3600_000;
const RESET_TTL_MS = 3600_000;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function appLink(path: string, token: string): string {
  return absoluteUrl(`${path}?${new URLSearchParams({ token })}`);
}

export async function registerAccount(db: Db, input: RegisterInput, now: Date): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  let userId: string;
  try {
    const user = await db.transaction((tx) => insertUserWithProfile(tx, { email: input.email.trim(), fullName: input.fullName, passwordHash, role: input.role, timeZone: input.timeZone }));
    userId = user.id;
  } catch (error) {
    if (sqlState(error) === "23505") {
      throw new AppError("conflict", "Please correct the highlighted field.", { email: ["An account with this email already exists. Sign in or reset your password."] });
    }
    throw error;
  }
  await sendVerificationEmail(db, userId, now);
  logger.info({ event: "account_registered", userId, role: input.role }, "account registered");
  return { userId };
}

export async function sendVerificationEmail(db: Db, userId: string, now: Date): Promise<void> {
  const user = await getUserById(db, userId);
  if (!user || user.emailVerifiedAt) return;
  const { token, tokenHash } = createSecretToken();
  await invalidateAuthTokens(db, { userId, kind: "verify_email", now });
  await insertAuthToken(db, { userId, kind: "verify_email", tokenHash, expiresAt: new Date(now.getTime() + VERIFY_TTL_MS) });
  await sendEmail(db, {
    to: user.email,
    subject: "Confirm your email address",
    template: "verify-email",
    userId,
    body: createElement(VerifyEmailMessage, { name: user.fullName, url: appLink("/verify-email", token) }),
  });
}

export async function verifyEmailToken(db: Db, token: string, now: Date): Promise<boolean> {
  const userId = await consumeAuthToken(db, { kind: "verify_email", tokenHash: hashToken(token), now });
  if (!userId) return false;
  await markEmailVerified(db, userId, now);
  return true;
}

/** Answers the same whether or not the email is registered. */
export async function requestPasswordReset(db: Db, email: string, now: Date): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || !user.active) return;
  const { token, tokenHash } = createSecretToken();
  await invalidateAuthTokens(db, { userId: user.id, kind: "reset_password", now });
  await insertAuthToken(db, { userId: user.id, kind: "reset_password", tokenHash, expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
  await sendEmail(db, {
    to: user.email,
    subject: "Reset your Careslot password",
    template: "reset-password",
    userId: user.id,
    body: createElement(ResetPasswordMessage, { name: user.fullName, url: appLink("/reset-password", token) }),
  });
}

/** Sets the new password and ends every existing session of that user. */
export async function resetPassword(db: Db, token: string, password: string, now: Date): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, { kind: "reset_password", tokenHash: hashToken(token), now });
    if (!userId) return false;
    await updatePasswordHash(tx, userId, passwordHash);
    await revokeAllSessionsOfUser(tx, userId, now);
    const user = await getUserById(tx, userId);
    if (user) await clearThrottle(tx, emailKey(user.email));
    // Following an emailed link proves the address too.
    await markEmailVerified(tx, userId, now);
    return true;
  });
}
