"use client";

import { Notice } from "./notice";
import type { FormState } from "@/lib/errors";

// A form's answer from its server action (lib/actions.ts), shown and refilled the same way everywhere.

/** The form's answer on top of it: success, or what failed (each field also shows its own message). */
export function FormMessage({ state }: { state: FormState }) {
  if (!state?.message) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

/** What to put back in a field: what the user just sent if it was refused, else the saved value. */
export function valueOf(state: FormState, name: string, saved: string | number | null | undefined): string {
  if (state && !state.ok && state.values && name in state.values) return state.values[name]!;
  return saved === null || saved === undefined ? "" : String(saved);
}

export function errorsOf(state: FormState, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}
