import "server-only";
import type { Db } from "@/db/client";
import { deleteLinkedAccount, findUserByLinkedAccount, getLinkedAccount, insertLinkedAccount } from "@/db/queries/accounts";
import { insertAuditEntry } from "@/db/queries/audit";
import { findUserByEmail, getUserById, insertUserWithProfile, markEmailVerified } from "@/db/queries/users";
import { AppError, constraintName, sqlState } from "@/lib/errors";
import { logger, securityEvent } from "@/lib/logger";
import type { Role } from "@/lib/vocabulary";
import { emailKey } from "./accounts";
import { checkPasswordAttempt } from "./credentials";

// "Sign in with Google": what a verified Google identity (lib/auth/google-sign-in.ts
// checked the protocol and the ID token) means for Careslot's accounts.
//   - a subject already linked → that account (if it is still active);
//   - an email that matches an account → linked only when Google verified the
//     email AND the owner confirms with their Careslot password once (linkGoogleAccount);
//   - otherwise → a new account: a patient, or the doctor they chose (pending
//     verification as for any new doctor), its email verified by Google;
//   - an email Google did not verify → refused, whether or not an account has it.

export interface GoogleIdentity {
  /** Google's stable account id (`sub`). */
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
}

/** What the visitor chose before leaving for Google (components/auth/google-button.tsx). */
export interface GoogleIntent {
  role: Extract<Role, "patient" | "doctor">;
  timeZone: string;
}

export type GoogleAccountUser = { id: string; role: Role; fullName: string; email: string };

export type GoogleOutcome =
  | { kind: "signed-in"; user: GoogleAccountUser; created: boolean }
  /** The email is an existing account's, verified by Google: its password must confirm the link. */
  | { kind: "link-required"; userId: string; email: string }
  | { kind: "refused"; reason: GoogleRefusal };

export type GoogleRefusal = "inactive" | "unverified_email" | "linked_elsewhere";

/** The words /login shows for each refusal (?google=<reason>). */
export const googleRefusalMessages: Record<GoogleRefusal | "failed" | "expired", string> = {
  inactive: "This account has been deactivated. Contact the clinic administrator.",
  unverified_email:
    "Google has not verified this email address, so Careslot cannot use it. Verify the address with Google first, or use your email and a password.",
  linked_elsewhere:
    "The Careslot account with this email is already linked to another Google account. Sign in with your password, or with that Google account.",
  failed: "Signing in with Google did not work. Please try again, or sign in with your email and password.",
  expired: "That Google sign-in took too long. Please use Continue with Google again.",
};

const PROVIDER = "google";

function usable(user: { active: boolean; deletedAt: Date | null }): boolean {
  return user.active && user.deletedAt === null;
}

export async function resolveGoogleIdentity(db: Db, identity: GoogleIdentity, intent: GoogleIntent, now: Date): Promise<GoogleOutcome> {
  const linked = await findUserByLinkedAccount(db, PROVIDER, identity.subject);
  if (linked) {
    if (!usable(linked)) {
      securityEvent("google_sign_in_refused_inactive", { userId: linked.id });
      return { kind: "refused", reason: "inactive" };
    }
    return { kind: "signed-in", user: linked, created: false };
  }

  // Anyone can put any address on a Google account; only Google's verification says it is theirs. Refused
  // alike whether or not an account has the address: a new account from an unverified address would let
  // whoever typed it keep a way in (the Google link) after the address's real owner takes the account over
  // through "Forgot your password?", and a different answer would tell who is registered.
  if (!identity.emailVerified) {
    securityEvent("google_sign_in_refused_unverified_email", { provider: PROVIDER });
    return { kind: "refused", reason: "unverified_email" };
  }

  const existing = await findUserByEmail(db, emailKey(identity.email));
  if (existing) return existingAccountOutcome(db, existing);

  const created = await createAccountFromGoogle(db, identity, intent, now);
  // Two first sign-ins at once with one email: the other one made the account; this one is a link to confirm.
  if (!created) return resolveGoogleIdentity(db, identity, intent, now);
  return { kind: "signed-in", user: created, created: true };
}

async function existingAccountOutcome(db: Db, existing: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>): Promise<GoogleOutcome> {
  if (!usable(existing)) {
    securityEvent("google_sign_in_refused_inactive", { userId: existing.id });
    return { kind: "refused", reason: "inactive" };
  }
  if (await getLinkedAccount(db, existing.id, PROVIDER)) {
    securityEvent("google_sign_in_refused_linked_elsewhere", { userId: existing.id });
    return { kind: "refused", reason: "linked_elsewhere" };
  }
  return { kind: "link-required", userId: existing.id, email: existing.email };
}

/** The new account and its link in one transaction; null when the email was taken in between. */
async function createAccountFromGoogle(db: Db, identity: GoogleIdentity, intent: GoogleIntent, now: Date): Promise<GoogleAccountUser | null> {
  const fullName = identity.name?.trim() || identity.email.split("@")[0]!;
  let user: GoogleAccountUser;
  try {
    user = await db.transaction(async (tx) => {
      const row = await insertUserWithProfile(tx, { email: identity.email.trim(), fullName, passwordHash: null, role: intent.role, timeZone: intent.timeZone });
      // Only a verified address gets this far (resolveGoogleIdentity).
      await markEmailVerified(tx, row.id, now);
      await insertLinkedAccount(tx, { userId: row.id, provider: PROVIDER, providerAccountId: identity.subject, email: identity.email });
      return row;
    });
  } catch (error) {
    const taken = ["users_email_lower_key", "accounts_provider_subject_key"];
    if (sqlState(error) === "23505" && taken.includes(constraintName(error) ?? "")) return null;
    throw error;
  }
  logger.info({ event: "account_registered", userId: user.id, role: user.role, method: "google" }, "account registered");
  return { id: user.id, role: user.role, fullName: user.fullName, email: user.email };
}

/** A Google identity waiting for its account's password (carried in an encrypted cookie, lib/auth/google-tickets.ts). */
export interface PendingGoogleLink {
  userId: string;
  subject: string;
  email: string;
}

export type GoogleLinkResult =
  | { ok: true; user: GoogleAccountUser }
  | { ok: false; reason: "inactive" | "invalid" | "linked_elsewhere" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Links the Google identity once the account's owner typed their Careslot
 * password. The password goes through the one guarded check (lockout
 * included: a wrong one counts, a locked account is refused unverified).
 */
export async function linkGoogleAccount(db: Db, pending: PendingGoogleLink, password: string, now: Date): Promise<GoogleLinkResult> {
  const user = await getUserById(db, pending.userId);
  if (!user || !usable(user)) {
    securityEvent("google_link_refused_inactive", { userId: pending.userId });
    return { ok: false, reason: "inactive" };
  }
  const check = await checkPasswordAttempt(db, { emailKey: emailKey(user.email), passwordHash: user.passwordHash, password }, now);
  if (!check.ok) {
    securityEvent("google_link_failed", { userId: user.id, reason: check.failures === null ? "locked" : "wrong_password", failures: check.failures });
    return check.reason === "locked" ? { ok: false, reason: "locked", retryAfterSeconds: check.retryAfterSeconds } : { ok: false, reason: "invalid" };
  }
  try {
    await db.transaction(async (tx) => {
      await insertLinkedAccount(tx, { userId: user.id, provider: PROVIDER, providerAccountId: pending.subject, email: pending.email });
      await insertAuditEntry(tx, {
        actorId: user.id,
        actorRole: user.role,
        action: "user.google_linked",
        entityType: "user",
        entityId: user.id,
        after: { provider: PROVIDER },
      });
    });
  } catch (error) {
    if (sqlState(error) !== "23505") throw error;
    // Linked meanwhile (another tab): to this account it is done; to another, or another Google account here, it is refused.
    const owner = await findUserByLinkedAccount(db, PROVIDER, pending.subject);
    if (owner?.id !== user.id) return { ok: false, reason: "linked_elsewhere" };
  }
  logger.info({ event: "google_linked", userId: user.id }, "google account linked");
  return { ok: true, user: { id: user.id, role: user.role, fullName: user.fullName, email: user.email } };
}

/** The account page's "Google" section. */
export async function googleLinkStatus(db: Db, userId: string): Promise<{ linked: { email: string; linkedAt: Date } | null; hasPassword: boolean }> {
  const [link, user] = await Promise.all([getLinkedAccount(db, userId, PROVIDER), getUserById(db, userId)]);
  return { linked: link ? { email: link.email, linkedAt: link.linkedAt } : null, hasPassword: Boolean(user?.passwordHash) };
}

/** Only an account with a password may unlink Google: otherwise nothing would be left to sign in with. */
export async function unlinkGoogleAccount(db: Db, user: { id: string; role: Role }): Promise<void> {
  const row = await getUserById(db, user.id);
  if (!row?.passwordHash) {
    throw new AppError("conflict", "Google is how you sign in: set a password first (Forgot your password? on the sign-in page), then unlink Google.");
  }
  await db.transaction(async (tx) => {
    if (!(await deleteLinkedAccount(tx, user.id, PROVIDER))) throw new AppError("not_found", "No Google account is linked.");
    await insertAuditEntry(tx, {
      actorId: user.id,
      actorRole: user.role,
      action: "user.google_unlinked",
      entityType: "user",
      entityId: user.id,
      after: { provider: PROVIDER },
    });
  });
  logger.info({ event: "google_unlinked", userId: user.id }, "google account unlinked");
}
