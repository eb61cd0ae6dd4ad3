"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { GoogleButton, OrDivider } from "./google-button";

/** `google`: "Continue with Google" is configured (lib/auth/google-sign-in.ts). */
export function SignInForm({ next, google = false }: { next?: string; google?: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values?.email}
        key={`email-${values?.email}`}
        errors={errors?.email}
      />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={errors?.password} />
      <div className="flex items-start gap-2">
        <input
          id="remember"
          name="remember"
          type="checkbox"
          defaultChecked={values?.remember === "on"}
          aria-describedby="remember-hint"
          className="mt-0.5 h-5 w-5 rounded border-slate-400 text-brand-700 focus:ring-brand-700"
        />
        <div>
          <label htmlFor="remember" className="text-sm font-medium text-slate-800">
            Keep me signed in
          </label>
          <p id="remember-hint" className="text-sm text-slate-600">
            Not on a shared computer. Otherwise you are signed out when the browser closes, or after a while without use.
          </p>
        </div>
      </div>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      <p className="text-sm text-slate-600">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline">
          Forgot your password?
        </Link>
      </p>
      {google ? (
        <>
          <OrDivider />
          <GoogleButton />
        </>
      ) : null}
    </form>
  );
}
