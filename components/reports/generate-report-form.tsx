"use client";

import { useActionState } from "react";
import { generateReportAction } from "@/app/admin/reports/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/** Any month, on demand; a month already generated is computed again and replaced. */
export function GenerateReportForm({ defaultMonth, latestMonth }: { defaultMonth: string; latestMonth: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(generateReportAction, null);
  const monthErrors = state && !state.ok ? state.fieldErrors?.month : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <FormMessage state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label="Month"
          name="month"
          type="month"
          required
          max={latestMonth}
          defaultValue={state && !state.ok ? (state.values?.month ?? defaultMonth) : defaultMonth}
          errors={monthErrors}
          hint="Doctors' figures use each doctor's time zone; the system-wide report uses UTC."
        />
        <SubmitButton pendingLabel="Generating…">Generate report</SubmitButton>
      </div>
    </form>
  );
}
