"use client";

import type { TextareaHTMLAttributes } from "react";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/errors";

export type ProfileFormState = ActionResult<{ message: string }> | null;

/** The form's answer on top of it: success, or what failed (each field also shows its own message). */
export function FormMessage({ state }: { state: ProfileFormState }) {
  if (!state) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

/** What to put back in a field: what the user just sent if it was refused, else the saved value. */
export function valueOf(state: ProfileFormState, name: string, saved: string | number | null | undefined): string {
  if (state && !state.ok && state.values && name in state.values) return state.values[name]!;
  return saved === null || saved === undefined ? "" : String(saved);
}

export function errorsOf(state: ProfileFormState, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}

/** A labelled textarea whose hint and error are tied to it, like Field for inputs. */
export function TextAreaField({ label, name, errors, hint, id, ...textarea }: TextAreaFieldProps) {
  const fieldId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? `${fieldId}-hint` : null, invalid ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={fieldId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={fieldId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100 ${invalid ? "border-red-600" : "border-slate-300"}`}
        {...textarea}
      />
      {hint ? (
        <p id={`${fieldId}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${fieldId}-error`} className="text-sm font-medium text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
