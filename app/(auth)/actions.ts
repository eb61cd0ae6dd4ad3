"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { revokeAllSessionsOfUser } from "@/db/queries/users";
import { registerAccount, requestPasswordReset, resetPassword, sendVerificationEmail } from "@/lib/auth/accounts";
import { currentUser, safeReturnPath } from "@/lib/auth/guards";
import { signIn, signOut } from "@/lib/auth";
import { lockoutMessage } from "@/lib/auth/lockout";
import { forgotPasswordSchema, registerSchema, resetPasswordSchema, signInSchema } from "@/lib/auth/schemas";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";

export type FormState = ActionResult | null;

const INVALID_CREDENTIALS = "That email and password do not match an account. Check them and try again.";

function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) fields[key] = value;
  return fields;
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const values = { email: fields.email ?? "" };
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeReturnPath(parsed.data.next) ?? "/portal",
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code ?? "";
      if (code.startsWith("locked:")) return failure(lockoutMessage(Number(code.slice("locked:".length)) || 60), undefined, values);
      if (code === "inactive") return failure("This account has been deactivated. Contact the clinic administrator.", undefined, values);
      return failure(INVALID_CREDENTIALS, undefined, values);
    }
    if (error instanceof AuthError) return failure(INVALID_CREDENTIALS, undefined, values);
    throw error; // the redirect after a successful sign-in
  }
  return null;
}

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const values = { fullName: fields.fullName ?? "", email: fields.email ?? "", role: fields.role ?? "patient" };
  const parsed = registerSchema.safeParse(fields);
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  const result = await registerAccount(getDb(), parsed.data, new Date());
  if (!result.ok) return { ...result, values };
  redirect("/login?registered=1");
}

export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = forgotPasswordSchema.safeParse(formFields(formData));
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error));
  await requestPasswordReset(getDb(), parsed.data.email, new Date());
  return { ok: true };
}

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = resetPasswordSchema.safeParse(formFields(formData));
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error));
  const done = await resetPassword(getDb(), parsed.data.token, parsed.data.password, new Date());
  if (!done) return failure("This reset link has expired or was already used. Request a new one.");
  redirect("/login?reset=1");
}

export async function resendVerificationAction(): Promise<FormState> {
  const user = await currentUser();
  if (!user) return failure("Please sign in again.");
  await sendVerificationEmail(getDb(), user.id, new Date());
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login?signedOut=1" });
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (user) await revokeAllSessionsOfUser(getDb(), user.id, new Date());
  await signOut({ redirectTo: "/login?signedOut=1" });
}
