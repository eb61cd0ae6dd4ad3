"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { FormState } from "@/lib/errors";
import { Notice } from "@/components/ui/notice";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;
export type FieldErrors = Record<string, string[] | undefined>;

/** Input ids from schema paths: "days.0.ranges.1.startTime" → "field-days-0-ranges-1-startTime". */
export function fieldId(path: string, scope = ""): string {
  return `field-${scope}${path.replaceAll(".", "-")}`;
}

/**
 * A form that runs the shared schema in the browser first (instant messages,
 * no round trip) and only then calls the server action, which checks again.
 * The action is dispatched by hand, inside a transition, so React does not
 * reset the form afterwards: the doctor's edits stay on screen either way.
 * Without JavaScript the same form still posts to the action natively.
 */
export function useCheckedAction(action: Action, check: (formData: FormData) => FieldErrors | null) {
  const [state, dispatch, pending] = useActionState<FormState, FormData>(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const errors = check(formData);
    setClientErrors(errors);
    if (!errors) startTransition(() => dispatch(formData));
  }

  const serverFailure = state && !state.ok ? state : null;
  return {
    formAction: dispatch,
    onSubmit,
    pending,
    errors: clientErrors ?? serverFailure?.fieldErrors ?? {},
    failureMessage: clientErrors ? "Some fields need your attention. Nothing was saved." : serverFailure?.message,
    successMessage: !clientErrors && state?.ok ? state.message : undefined,
  };
}

/**
 * The notice on top of a form: what went wrong, then each problem as a link to
 * its field, so a screen-reader or keyboard user can jump straight to it.
 */
export function FormStatus({
  failureMessage,
  successMessage,
  errors,
  labelOf,
  scope = "",
}: {
  failureMessage?: string;
  successMessage?: string;
  errors: FieldErrors;
  labelOf: (path: string) => string;
  scope?: string;
}) {
  if (successMessage) return <Notice tone="success">{successMessage}</Notice>;
  if (!failureMessage) return null;
  const problems = Object.entries(errors).filter(([, messages]) => messages?.length);
  return (
    <Notice tone="error">
      <p className="font-semibold">{failureMessage}</p>
      {problems.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {problems.map(([path, messages]) => (
            <li key={path}>
              <a href={`#${fieldId(path, scope)}`} className="underline underline-offset-2 hover:no-underline">
                {labelOf(path)}
              </a>
              : {messages!.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

/** The message under one field; its id is what the input's aria-describedby points to. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-700">
      {messages.join(" ")}
    </p>
  );
}
