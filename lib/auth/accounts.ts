import "server-only";
import { after } from "next/server";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { consumeAuthToken, insertAuthToken, invalidateAuthTokens } from "@/db/queries/auth-tokens";
import { clearThrottle } from "@/db/queries/sign-in-throttle";
import { findUserByEmail, getUserById, insertUserWithProfile, markEmailVerified, revokeAllSessionsOfUser, updatePasswordHash } from "@/db/queries/users";
import { absoluteUrl, env } from "@/lib/env";
import { constraintName, sqlState } from "@/lib/errors";
import { logger, securityEvent } from "@/lib/logger";
import { rehearseEmail, sendEmail } from "@/lib/notifications/mailer";
import { resolvePlace } from "@/lib/places/resolve";
import type { Role } from "@/lib/vocabulary";
import { confirmedEmailUnlocks } from "./role-wording";
import { assertStrongPassword } from "./password-strength";
import { AccountExistsMessage, ResetPasswordMessage, VerifyEmailMessage } from "@/lib/notifications/templates/account-emails";
import { hashPassword } from "./password";
import type { RegisterInput } from "./schemas";
import { createEmailCode, createSecretToken, hashEmailCode, hashToken } from "./tokens";

const VERIFY_TTL_MS = 48 * 3600_000;
const RESET_TTL_MS = 3600_000;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function appLink(path: string, token: string, next?: string): string {
  return absoluteUrl(`${path}?${new URLSearchParams(next ? { token, next } : { token })}`);
}

/**
 * Creates the account and emails its confirmation link. An address that
 * already has an account gets no second one and no error: its owner is
 * emailed that someone tried, and the caller answers exactly as for a new
 * account ("check your email"), so the form cannot be used to find out who
 * is registered. Both paths hash the password and send one email.
 */
export async function registerAccount(db: Db, input: RegisterInput, now: Date): Promise<{ userId: string | null }> {
  assertStrongPassword(input.password, input);
  // Before anything is written or sent: a place the lists would not offer is the visitor's to fix.
  const place = resolvePlace({ country: input.country ?? null, region: input.region ?? null, city: input.city ?? null, latitude: null, longitude: null });
  const passwordHash = await hashPassword(input.password);
  let userId: string;
  try {
    const user = await db.transaction((tx) =>
      insertUserWithProfile(tx, { email: input.email.trim(), fullName: input.fullName, passwordHash, role: input.role, timeZone: input.timeZone, place }),
    );
    userId = user.id;
  } catch (error) {
    if (sqlState(error) !== "23505" || constraintName(error) !== "users_email_lower_key") throw error;
    await sendAccountExistsEmail(db, input.email);
    return { userId: null };
  }
  await sendVerificationEmail(db, userId, now, input.next);
  logger.info({ event: "account_registered", userId, role: input.role }, "account registered");
  return { userId };
}

async function sendAccountExistsEmail(db: Db, email: string): Promise<void> {
  const owner = await findUserByEmail(db, emailKey(email));
  if (!owner || owner.deletedAt) return; // gone in between, or a deleted account's placeholder: nobody to tell
  securityEvent("registration_for_existing_account", { userId: owner.id });
  await sendEmail(db, {
    to: owner.email,
    subject: "Someone tried to register with your address",
    template: "account-exists",
    userId: owner.id,
    body: createElement(AccountExistsMessage, { name: owner.fullName, signInUrl: absoluteUrl("/login"), resetUrl: absoluteUrl("/forgot-password") }),
  });
}

/** `next`: a path of this app (already checked by safeReturnPath) the confirmation link leads on to. */
export async function sendVerificationEmail(db: Db, userId: string, now: Date, next?: string): Promise<void> {
  const user = await getUserById(db, userId);
  if (!user || user.emailVerifiedAt) return;
  const { token, tokenHash } = createSecretToken();
  const { code, codeHash } = createEmailCode(userId);
  const expiresAt = new Date(now.getTime() + VERIFY_TTL_MS);
  for (const kind of ["verify_email", "verify_email_code"] as const) await invalidateAuthTokens(db, { userId, kind, now });
  await insertAuthToken(db, { userId, kind: "verify_email", tokenHash, expiresAt });
  await insertAuthToken(db, { userId, kind: "verify_email_code", tokenHash: codeHash, expiresAt });
  await sendEmail(db, {
    to: user.email,
    subject: "Confirm your email address",
    template: "verify-email",
    userId,
    body: createElement(VerifyEmailMessage, {
      name: user.fullName,
      url: appLink("/verify-email", token, next),
      code,
      codeUrl: absoluteUrl("/verify-email"),
      unlocks: confirmedEmailUnlocks[user.role],
    }),
  });
}

/** Confirms the address the token was sent to; the role says what the confirmation page tells them. Null: expired, used or unknown. */
export async function verifyEmailToken(db: Db, token: string, now: Date): Promise<{ role: Role } | null> {
  const userId = await consumeAuthToken(db, { kind: "verify_email", tokenHash: hashToken(token), now });
  if (!userId) return null;
  await markEmailVerified(db, userId, now);
  await invalidateAuthTokens(db, { userId, kind: "verify_email_code", now });
  const user = await getUserById(db, userId);
  return { role: user?.role ?? "patient" };
}

/**
 * The emailed 6-digit code, typed on /verify-email with the address: single-use, expiring with the
 * link (either one confirms; both then stop working). The caller limits attempts per address.
 */
export async function verifyEmailCode(db: Db, input: { email: string; code: string }, now: Date): Promise<{ role: Role } | null> {
  const user = await findUserByEmail(db, input.email);
  if (!user) return null;
  const userId = await consumeAuthToken(db, { kind: "verify_email_code", tokenHash: hashEmailCode(user.id, input.code), now });
  if (!userId) return null;
  await markEmailVerified(db, userId, now);
  await invalidateAuthTokens(db, { userId, kind: "verify_email", now });
  return { role: user.role };
}

// Stands in for the user id when the address has no (active) account: matches no row.
const NO_USER = "00000000-0000-0000-0000-000000000000";

/**
 * With a mail provider, the email (or its rehearsal) is handed to Next's
 * `after`: the provider's round trip, which only a real send makes, would
 * otherwise tell a registered address from an unknown one by the answer's
 * time. Without one (the dev mailbox) or outside a request, it runs now.
 */
async function emailAfterResponse(work: () => Promise<unknown>): Promise<void> {
  if (env().RESEND_API_KEY) {
    try {
      after(() => work().catch((error) => logger.error({ err: error }, "account email after the response failed")));
      return;
    } catch {
      // Not inside a request (a script): send now.
    }
  }
  await work();
}

/**
 * Answers the same whether or not the email is registered, and does the same
 * work: a token is made and hashed, the same UPDATE runs (matching nothing
 * for an unknown address), and the email is rendered and written in a
 * transaction that is rolled back instead of stored (after the response when
 * a provider sends, see emailAfterResponse). The timing test in
 * app/(auth)/enumeration.test.ts holds it to that.
 */
export async function requestPasswordReset(db: Db, email: string, now: Date): Promise<void> {
  const user = await findUserByEmail(db, email);
  const account = user?.active ? user : null;
  const { token, tokenHash } = createSecretToken();
  await invalidateAuthTokens(db, { userId: account?.id ?? NO_USER, kind: "reset_password", now });
  const message = { to: account?.email ?? email, subject: "Reset your Careslot password", template: "reset-password", userId: account?.id };
  const body = createElement(ResetPasswordMessage, { name: account?.fullName ?? "", url: appLink("/reset-password", token) });
  if (!account) return emailAfterResponse(() => rehearseEmail(db, { ...message, body }));
  await insertAuthToken(db, { userId: account.id, kind: "reset_password", tokenHash, expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
  await emailAfterResponse(() => sendEmail(db, { ...message, body }));
}

/** Sets the new password and ends every existing session of that user. */
export async function resetPassword(db: Db, token: string, password: string, now: Date): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, { kind: "reset_password", tokenHash: hashToken(token), now });
    if (!userId) return false;
    // A refusal rolls the transaction back: the link still works for a better password.
    const owner = await getUserById(tx, userId);
    if (owner) assertStrongPassword(password, owner);
    await updatePasswordHash(tx, userId, passwordHash);
    await revokeAllSessionsOfUser(tx, userId, now);
    const user = await getUserById(tx, userId);
    if (user) await clearThrottle(tx, emailKey(user.email));
    // Following an emailed link proves the address too.
    await markEmailVerified(tx, userId, now);
    return true;
  });
}
