"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface PreferenceRow {
  kind: string;
  label: string;
  description: string;
  boxes: { channel: string; label: string; on: boolean }[];
}

/** One group per kind, one box per channel; a plain form post, so it works before (or without) JavaScript. */
export function PreferencesForm({ action, rows }: { action: Action; rows: PreferenceRow[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <FormMessage state={state} />
      <div className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {rows.map((row) => (
          // A group named by its visible label (a <legend> must be a fieldset's first child, which this layout cannot keep).
          <div
            key={row.kind}
            role="group"
            aria-labelledby={`kind-${row.kind}`}
            aria-describedby={`kind-${row.kind}-about`}
            className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
          >
            <div>
              <p id={`kind-${row.kind}`} className="font-medium text-slate-900">
                {row.label}
              </p>
              <p id={`kind-${row.kind}-about`} className="text-sm text-slate-600">
                {row.description}
              </p>
            </div>
            <div className="flex gap-5">
              {row.boxes.map((box) => (
                <label key={box.channel} className="inline-flex min-h-11 items-center gap-2 text-slate-800">
                  <input
                    type="checkbox"
                    name="on"
                    value={`${row.kind}/${box.channel}`}
                    defaultChecked={box.on}
                    className="size-5 rounded border-slate-400 accent-brand-700"
                  />
                  {box.label}
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Save notification preferences</SubmitButton>
      </div>
    </form>
  );
}
