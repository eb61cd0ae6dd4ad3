"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-length";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import type { FormState } from "@/lib/errors";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Current password first; on success every other session of the account is signed out. */
export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  const e = (name: string) => errorsOf(state, name);
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4">
      <FormMessage state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={e("currentPassword")} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={e("newPassword")}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; not your name or email address, not a common password, not digits only.`}
      />
      <Field label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={e("confirmPassword")} />
      <p className="text-sm text-slate-600">Other devices signed in to your account will be signed out; this one stays signed in.</p>
      <div>
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
