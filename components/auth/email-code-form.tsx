"use client";

import { useActionState } from "react";
import { verifyEmailCodeAction } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";
import { FormMessage, errorsOf, valueOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

/** The emailed 6-digit code with the address it went to; the server limits the attempts per address. */
export function EmailCodeForm({ email, next }: { email?: string; next?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(verifyEmailCodeAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={valueOf(state, "email", email)}
        errors={errorsOf(state, "email")}
      />
      <Field
        label="6-digit code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        required
        errors={errorsOf(state, "code")}
      />
      <SubmitButton pendingLabel="Checking…">Confirm email</SubmitButton>
    </form>
  );
}
