"use client";

import { useActionState } from "react";
import { linkGoogleAction } from "@/app/(auth)/google-actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** The Careslot password that confirms a Google link, once. */
export function LinkGoogleForm() {
  const [state, formAction] = useActionState<FormState, FormData>(linkGoogleAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={errors?.password} />
      <SubmitButton pendingLabel="Linking…">Link Google and sign in</SubmitButton>
    </form>
  );
}
