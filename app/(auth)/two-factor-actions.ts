"use server";

import { CredentialsSignin } from "next-auth";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions";
import { signIn } from "@/lib/auth";
import { portalPath, safeReturnPath } from "@/lib/auth/guards";
import { lockoutMessage } from "@/lib/auth/lockout";
import { authenticationCodeSchema } from "@/lib/auth/schemas";
import { fitSessionCookie } from "@/lib/auth/session-cookie";
import { challengeToken, clearChallengeCookie, findChallenge, passChallenge } from "@/lib/auth/two-factor/sign-in";
import { beginTwoFactorSetup, cancelTwoFactorSetup, confirmTwoFactorSetup, turnOffTwoFactor } from "@/lib/auth/two-factor/service";
import { AppError } from "@/lib/errors";
import { signInRateLimitError } from "@/lib/security/rate-limits";

// Two-factor authentication: the second step of sign-in (the caller is not
// signed in yet; who they are is the challenge their cookie names, checked
// again by Auth.js's authorize), and the account page's own set-up and
// turning off (the caller's own account, never another's).

const EXPIRED = "This sign-in has expired. Sign in again with your email and password.";
const codeSchema = z.object({ code: authenticationCodeSchema });

/** The words for Auth.js's refusal of a second step. */
function secondStepRefusal(error: unknown): AppError | undefined {
  if (!(error instanceof CredentialsSignin)) return undefined;
  const code = error.code ?? "";
  if (code.startsWith("locked:")) return new AppError("rate_limited", lockoutMessage(Number(code.slice("locked:".length)) || 60));
  if (code.startsWith("rate_limited:")) return signInRateLimitError(Number(code.slice("rate_limited:".length)) || 60);
  if (code === "two_factor_invalid") {
    return new AppError("unauthenticated", "That code did not work.", {
      code: ["That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes."],
    });
  }
  return new AppError("unauthenticated", EXPIRED);
}

/** Makes the session through Auth.js, for a challenge (with the code typed, or passed at enrolment), and goes on to where the user was going. */
async function completeSignIn(token: string, code: string | undefined, next: string | null) {
  try {
    await signIn("credentials", { challenge: token, ...(code ? { code } : {}), redirectTo: safeReturnPath(next) ?? "/portal" });
  } catch (error) {
    const refusal = secondStepRefusal(error);
    if (refusal) throw refusal;
    // The redirect after the session was made.
    await clearChallengeCookie();
    await fitSessionCookie();
    throw error;
  }
}

/** "Authentication code" after the password: a code from the app, or a recovery code. */
export const twoFactorSignInAction = action({
  access: "anyone",
  schema: codeSchema,
  invalid: "Enter the code from your authenticator app, or a recovery code.",
  run: async ({ code }, { db, now }) => {
    const token = await challengeToken();
    const challenge = await findChallenge(db, token, now);
    if (!token || !challenge || challenge.purpose !== "verify") throw new AppError("unauthenticated", EXPIRED);
    await completeSignIn(token, code, challenge.next);
  },
});

/** Set-up required by the admin setting, right after the password: confirmed by one code, then the recovery codes are shown. */
export const confirmSetupAtSignInAction = action({
  access: "anyone",
  schema: codeSchema,
  invalid: "Enter the 6-digit code your authenticator app shows.",
  run: async ({ code }, { db, now }) => {
    const challenge = await findChallenge(db, await challengeToken(), now);
    if (!challenge || challenge.purpose !== "enrol" || challenge.passedAt) throw new AppError("unauthenticated", EXPIRED);
    const recoveryCodes = await confirmTwoFactorSetup(db, challenge.user.id, code, now);
    await passChallenge(db, challenge, now);
    return { message: "Two-factor authentication is on.", recoveryCodes };
  },
});

/** "Continue" under the recovery codes shown at sign-in: the session starts now. */
export const finishSetupSignInAction = action({
  access: "anyone",
  schema: z.object({}),
  run: async (_input, { db, now }) => {
    const token = await challengeToken();
    const challenge = await findChallenge(db, token, now);
    if (!token || !challenge?.passedAt) throw new AppError("unauthenticated", EXPIRED);
    await completeSignIn(token, undefined, challenge.next);
  },
});

/** "Set up" on the account page: a new secret for the authenticator, shown with its QR code. */
export const startTwoFactorSetupAction = action({
  access: "signed-in",
  schema: z.object({}),
  run: async (_input, { user, db }) => {
    await beginTwoFactorSetup(db, user.id);
    revalidatePath(`${portalPath(user.role)}/account`);
  },
});

export const cancelTwoFactorSetupAction = action({
  access: "signed-in",
  schema: z.object({}),
  run: async (_input, { user, db }) => {
    await cancelTwoFactorSetup(db, user.id);
    revalidatePath(`${portalPath(user.role)}/account`);
    return "Set-up cancelled. Two-factor authentication stays off.";
  },
});

/** The one code that proves the authenticator has the secret; answers the recovery codes, shown this once. */
export const confirmTwoFactorSetupAction = action({
  access: "signed-in",
  schema: codeSchema,
  invalid: "Enter the 6-digit code your authenticator app shows.",
  run: async ({ code }, { user, db, now }) => {
    const recoveryCodes = await confirmTwoFactorSetup(db, user.id, code, now);
    revalidatePath(`${portalPath(user.role)}/account`);
    return { message: "Two-factor authentication is on.", recoveryCodes };
  },
});

export const turnOffTwoFactorAction = action({
  access: "signed-in",
  schema: z.object({ password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256) }),
  invalid: "Enter your password to turn two-factor authentication off.",
  run: async ({ password }, { user, db, now }) => {
    await turnOffTwoFactor(db, user.id, password, now);
    revalidatePath(`${portalPath(user.role)}/account`);
    return "Two-factor authentication is off. Sign-in asks only for your password.";
  },
});

/** "Start again" on the second step: forgets the half-done sign-in. */
export const abandonSecondStepAction = action({
  access: "anyone",
  schema: z.object({}),
  run: async () => {
    await clearChallengeCookie();
    redirect("/login");
  },
});
