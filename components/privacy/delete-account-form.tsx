"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";
import { DELETE_CONFIRMATION_WORD } from "@/lib/privacy/schemas";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** The password and the typed word; on success the action signs out and goes to /account-deleted. */
export function DeleteAccountForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  const e = (name: string) => errorsOf(state, name);
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4">
      <FormMessage state={state} />
      <Field label="Your password" name="password" type="password" autoComplete="current-password" required errors={e("password")} />
      <Field
        label="Type DELETE to confirm"
        name="confirmation"
        autoComplete="off"
        spellCheck={false}
        required
        errors={e("confirmation")}
        hint={`In capitals: ${DELETE_CONFIRMATION_WORD}. This cannot be undone.`}
      />
      <div>
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete my account
        </SubmitButton>
      </div>
    </form>
  );
}
