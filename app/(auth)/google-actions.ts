"use server";

import { CredentialsSignin } from "next-auth";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { secondStepOf, secondStepPath } from "@/lib/auth/two-factor/sign-in";
import { action } from "@/lib/actions";
import { signIn } from "@/lib/auth";
import { googleRefusalMessages, unlinkGoogleAccount } from "@/lib/auth/google";
import { googleSignInEnabled, linkGoogleSchema } from "@/lib/auth/google-sign-in";
import { intentTicket, pendingLinkTicket, readTicket, writeTicket } from "@/lib/auth/google-tickets";
import { portalPath, safeReturnPath } from "@/lib/auth/guards";
import { lockoutMessage } from "@/lib/auth/lockout";
import { fitSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/scheduling";
import { signInRateLimitError } from "@/lib/security/rate-limits";

// "Continue with Google" (/login, /register), the link step (/login/google/link)
// and "Unlink" on the account page. The Google round trip itself is Auth.js's
// (lib/auth/google-sign-in.ts); these only start it, finish the link, or remove it.

/** Where Google's round trip ends: /login/google/finish applies "Keep me signed in", then goes on. */
function finishPath(next: string | undefined): string {
  return `/login/google/finish${next ? `?${new URLSearchParams({ next })}` : ""}`;
}

const startSchema = z.object({
  // Only /register offers the choice; anything else (or nothing) makes a patient.
  role: z.enum(["patient", "doctor"]).catch("patient"),
  remember: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
  next: z.string().max(2048).optional().catch(undefined),
  timeZone: z
    .string()
    .optional()
    .transform((zone) => (zone && isValidTimeZone(zone) ? zone : "UTC")),
});

/** The button is inside the sign-in and registration forms: their role, "Keep me signed in" and return path come with it. */
export const continueWithGoogleAction = action({
  access: "anyone",
  schema: startSchema,
  run: async ({ role, remember, next, timeZone }, { user }) => {
    if (user) redirect(portalPath(user.role));
    if (!googleSignInEnabled(env())) throw new AppError("not_found", "Sign-in with Google is not available here.");
    const back = safeReturnPath(next);
    await writeTicket(intentTicket, { role, timeZone, remembered: remember, next: back });
    await signIn("google", { redirectTo: finishPath(back) });
  },
});

function linkRefusal(error: unknown): AppError | undefined {
  if (!(error instanceof CredentialsSignin)) return undefined;
  const code = error.code ?? "";
  if (code.startsWith("locked:")) return new AppError("rate_limited", lockoutMessage(Number(code.slice("locked:".length)) || 60, "wrong passwords"));
  if (code.startsWith("rate_limited:")) return signInRateLimitError(Number(code.slice("rate_limited:".length)) || 60);
  if (code === "expired") return new AppError("not_found", googleRefusalMessages.expired);
  if (code === "inactive") return new AppError("forbidden", googleRefusalMessages.inactive);
  if (code === "linked_elsewhere") return new AppError("conflict", googleRefusalMessages.linked_elsewhere);
  return new AppError("invalid_input", "That password is not right.", { password: ["That is not the password of your Careslot account."] });
}

/** "Link your Google account": the Careslot password, once; wrong ones count towards the lockout. */
export const linkGoogleAction = action({
  access: "anyone",
  schema: linkGoogleSchema,
  run: async ({ password }) => {
    const pending = await readTicket(pendingLinkTicket);
    if (!pending) throw new AppError("not_found", googleRefusalMessages.expired);
    try {
      await signIn("google-link", { password, redirectTo: safeReturnPath(pending.next) ?? "/portal" });
    } catch (error) {
      // Linked, and two-factor authentication is on: on to the code (lib/auth/two-factor/sign-in.ts).
      const step = secondStepOf(error);
      if (step) redirect(secondStepPath[step]);
      const refusal = linkRefusal(error);
      if (refusal) throw refusal;
      // The redirect after a successful link and sign-in: the cookie ends with the browser, or (kept signed in) with its session.
      await fitSessionCookie();
      throw error;
    }
  },
});

/** Only with a password to fall back on (the service checks): unlinking must not lock the owner out. */
export const unlinkGoogleAction = action({
  access: "signed-in",
  schema: z.object({}),
  run: async (_input, { user, db }) => {
    await unlinkGoogleAccount(db, user);
    revalidatePath(`${portalPath(user.role)}/account`);
    return "Google was unlinked. Sign in with your email and password from now on.";
  },
});
