"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

interface MobileState {
  confirmed: string | null;
  pending: string | null;
  stopped: boolean;
}

/** Add a number (a code is texted to it), enter the code, or remove the confirmed number. */
export function MobileNumberForms({ state, actions }: { state: MobileState; actions: { send: Action; confirm: Action; remove: Action } }) {
  const [sent, send] = useActionState<FormState, FormData>(actions.send, null);
  const [confirmed, confirm] = useActionState<FormState, FormData>(actions.confirm, null);
  const [removed, remove] = useActionState<FormState, FormData>(actions.remove, null);
  return (
    <div className="flex flex-col gap-4">
      <FormMessage state={removed} />
      <FormMessage state={confirmed?.ok ? confirmed : null} />
      {state.confirmed ? (
        <form action={remove} className="flex flex-wrap items-center gap-3">
          <p className="text-slate-700">
            Text messages go to <strong className="font-semibold text-slate-900">{state.confirmed}</strong>.
            {state.stopped ? " This number replied STOP: nothing is sent until you text START to our number." : ""}
          </p>
          <SubmitButton variant="secondary" pendingLabel="Removing…">
            Remove number
          </SubmitButton>
        </form>
      ) : (
        <p className="text-sm text-slate-600">
          Add your mobile number to get booking confirmations, reminders and changes by text as well. We send a code to confirm it.
        </p>
      )}
      <form action={send} className="flex max-w-md flex-col gap-3">
        <FormMessage state={sent} />
        <Field
          label={state.confirmed ? "Use another mobile number" : "Mobile number"}
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          defaultValue={state.pending ?? ""}
          hint="With the country code, such as +49 151 23456789."
          errors={errorsOf(sent, "phone")}
          required
        />
        <div>
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            {state.pending ? "Send a new code" : "Send code"}
          </SubmitButton>
        </div>
      </form>
      {state.pending ? (
        <form action={confirm} className="flex max-w-md flex-col gap-3">
          <FormMessage state={confirmed?.ok ? null : confirmed} />
          <Field
            label={`Code sent to ${state.pending}`}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            errors={errorsOf(confirmed, "code")}
            required
          />
          <div>
            <SubmitButton pendingLabel="Confirming…">Confirm number</SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
