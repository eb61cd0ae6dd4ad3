"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { revokeAllSessionsOfUser } from "@/db/queries/users";
import { action } from "@/lib/actions";
import { emailKey, registerAccount, requestPasswordReset, resetPassword, sendVerificationEmail, verifyEmailCode } from "@/lib/auth/accounts";
import { safeReturnPath } from "@/lib/auth/guards";
import { signIn, signOut } from "@/lib/auth";
import { fitSessionCookie } from "@/lib/auth/session-cookie";
import { lockoutMessage } from "@/lib/auth/lockout";
import { secondStepOf, secondStepPath } from "@/lib/auth/two-factor/sign-in";
import { forgotPasswordSchema, registerSchema, resetPasswordSchema, signInSchema, verifyEmailCodeSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { placeFormChoices, refusePlaceStep } from "@/lib/places/resolve";
import { requestClientIp } from "@/lib/security/client-ip";
import { currentRateLimits, emailCodeAttempts, enforceRateLimit, signInRateLimitError } from "@/lib/security/rate-limits";

const INVALID_CREDENTIALS = "That email and password do not match an account. Check them and try again.";
const FIX_FIELDS = "Please correct the highlighted fields.";

/** Auth.js's refusal of the credentials, in the words the sign-in form shows. */
function signInRefusal(error: unknown): AppError | undefined {
  if (error instanceof CredentialsSignin) {
    const code = error.code ?? "";
    if (code.startsWith("locked:")) return new AppError("rate_limited", lockoutMessage(Number(code.slice("locked:".length)) || 60));
    if (code.startsWith("rate_limited:")) return signInRateLimitError(Number(code.slice("rate_limited:".length)) || 60);
    if (code === "inactive") return new AppError("forbidden", "This account has been deactivated. Contact the clinic administrator.");
    return new AppError("unauthenticated", INVALID_CREDENTIALS);
  }
  if (error instanceof AuthError) return new AppError("unauthenticated", INVALID_CREDENTIALS);
  return undefined;
}

export const signInAction = action({
  access: "anyone",
  schema: signInSchema,
  invalid: FIX_FIELDS,
  run: async ({ email, password, next, remember }) => {
    try {
      await signIn("credentials", { email, password, remember: String(remember), ...(next ? { next } : {}), redirectTo: safeReturnPath(next) ?? "/portal" });
    } catch (error) {
      // A right password of an account with two-factor authentication: on to the code (lib/auth/two-factor/sign-in.ts).
      const step = secondStepOf(error);
      if (step) redirect(secondStepPath[step]);
      const refusal = signInRefusal(error);
      if (refusal) throw refusal;
      // Otherwise the redirect after a successful sign-in: the cookie ends with the browser, or (kept signed in) with its session.
      await fitSessionCookie();
      throw error;
    }
  },
});

// The limits are counted here, where the caller's IP is known, before the
// service sends anything. Every address counts whether or not it has an
// account, so a refusal tells nothing about who is registered.

export const registerAction = action({
  access: "anyone",
  schema: registerSchema,
  invalid: FIX_FIELDS,
  choices: placeFormChoices,
  run: async (account, { db, now, formData }) => {
    refusePlaceStep(formData);
    const limits = await currentRateLimits(db);
    await enforceRateLimit(db, limits.registrationPerIp, await requestClientIp());
    // Registering emails the address (a confirmation link, or "someone tried" to its owner).
    await enforceRateLimit(db, limits.accountEmailPerAddress, emailKey(account.email));
    const next = safeReturnPath(account.next);
    await registerAccount(db, { ...account, next }, now);
    redirect(`/login?registered=1${next ? `&next=${encodeURIComponent(next)}` : ""}`);
  },
});

export const forgotPasswordAction = action({
  access: "anyone",
  schema: forgotPasswordSchema,
  invalid: "Please correct the highlighted field.",
  run: async ({ email }, { db, now }) => {
    const limits = await currentRateLimits(db);
    await enforceRateLimit(db, limits.accountEmailPerIp, await requestClientIp());
    await enforceRateLimit(db, limits.accountEmailPerAddress, emailKey(email));
    await requestPasswordReset(db, email, now);
  },
});

export const resetPasswordAction = action({
  access: "anyone",
  schema: resetPasswordSchema,
  invalid: "Please correct the highlighted field.",
  run: async ({ token, password }, { db, now }) => {
    if (!(await resetPassword(db, token, password, now)))
      throw new AppError("not_found", "This reset link has expired or was already used. Request a new one.");
    redirect("/login?reset=1");
  },
});

export const resendVerificationAction = action({
  access: "signed-in",
  schema: z.object({}),
  run: async (_input, { user, db, now }) => {
    const limits = await currentRateLimits(db);
    await enforceRateLimit(db, limits.accountEmailPerIp, await requestClientIp());
    await enforceRateLimit(db, limits.accountEmailPerAddress, emailKey(user.email));
    await sendVerificationEmail(db, user.id, now);
  },
});

export const signOutAction = action({
  access: "anyone",
  schema: z.object({}),
  run: async () => {
    await signOut({ redirectTo: "/login?signedOut=1" });
  },
});

export const signOutEverywhereAction = action({
  access: "anyone",
  schema: z.object({}),
  run: async (_input, { user, db, now }) => {
    if (user) await revokeAllSessionsOfUser(db, user.id, now);
    await signOut({ redirectTo: "/login?signedOut=1" });
  },
});

/** The 6-digit code instead of the link: every attempt counts against the address, right or wrong. */
export const verifyEmailCodeAction = action({
  access: "anyone",
  schema: verifyEmailCodeSchema,
  invalid: "Please correct the highlighted fields.",
  run: async ({ email, code, next }, { db, now }) => {
    await enforceRateLimit(db, emailCodeAttempts, emailKey(email));
    const confirmed = await verifyEmailCode(db, { email, code }, now);
    if (!confirmed) {
      throw new AppError("invalid_input", "That code did not work.", {
        code: ["That code is not right, or it has expired or was already used. Check the newest email, or ask for a new one."],
      });
    }
    const back = safeReturnPath(next);
    redirect(`/verify-email?${new URLSearchParams({ confirmed: confirmed.role, ...(back ? { next: back } : {}) })}`);
  },
});
