"use client";

import { useActionState } from "react";
import { createSpecializationAction, deleteSpecializationAction, renameSpecializationAction } from "@/app/admin/specializations/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { ResultNotice } from "./form-bits";

export function CreateSpecializationForm() {
  const [state, formAction] = useActionState<FormState, FormData>(createSpecializationAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label="New specialization"
          name="name"
          id="new-specialization"
          required
          minLength={2}
          maxLength={60}
          defaultValue={failed?.values?.name}
          errors={failed?.fieldErrors?.name}
        />
        <SubmitButton pendingLabel="Adding…">Add specialization</SubmitButton>
      </div>
    </form>
  );
}

/** One row: rename in place, or delete (refused with the reason while doctors use it). */
export function SpecializationRow({ id, name, doctors }: { id: string; name: string; doctors: number }) {
  const [renamed, rename] = useActionState<FormState, FormData>(renameSpecializationAction, null);
  const [deleted, remove] = useActionState<FormState, FormData>(deleteSpecializationAction, null);
  const failed = renamed && !renamed.ok ? renamed : null;
  return (
    <li className="flex flex-col gap-2 py-4">
      <ResultNotice state={renamed} />
      <ResultNotice state={deleted} />
      <div className="flex flex-wrap items-end gap-3">
        <form action={rename} className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="id" value={id} />
          <Field
            label={`Name of ${name}`}
            name="name"
            id={`rename-${id}`}
            required
            minLength={2}
            maxLength={60}
            defaultValue={failed?.values?.name ?? name}
            errors={failed?.fieldErrors?.name}
          />
          <SubmitButton variant="secondary" pendingLabel="Saving…">{`Rename ${name}`}</SubmitButton>
        </form>
        <p className="pb-2 text-sm text-slate-600">{doctors === 1 ? "1 doctor" : `${doctors} doctors`}</p>
        <form action={remove}>
          <input type="hidden" name="id" value={id} />
          <ConfirmSubmit
            pendingLabel="Deleting…"
            confirmLabel={`Delete ${name}`}
            description={
              doctors > 0
                ? `${doctors === 1 ? "1 doctor uses" : `${doctors} doctors use`} it, so it will be refused until they choose another.`
                : "It leaves the list of specializations patients search by."
            }
          >{`Delete ${name}`}</ConfirmSubmit>
        </form>
      </div>
    </li>
  );
}
