"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function ChangeEmailForm({ action, current }: { action: Action; current: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  const e = (name: string) => errorsOf(state, name);
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4">
      <FormMessage state={state} />
      <p className="text-slate-700">
        Emails go to <strong className="font-semibold text-slate-900">{current}</strong>. A new address must be confirmed with the link we send to it.
      </p>
      <Field label="New email address" name="email" type="email" autoComplete="email" required errors={e("email")} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={e("currentPassword")} />
      <div>
        <SubmitButton variant="secondary" pendingLabel="Changing…">
          Change email address
        </SubmitButton>
      </div>
    </form>
  );
}
