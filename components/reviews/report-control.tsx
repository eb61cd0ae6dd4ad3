"use client";

import { useActionState } from "react";
import { reportReviewAction } from "@/app/doctors/[id]/review-actions";
import type { FormState } from "@/lib/errors";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { REPORT_REASON } from "@/lib/reviews/limits";

/**
 * "Report" opens a small form under the review (a native <details>, so it works
 * without JavaScript and with the keyboard). After sending, it says so in place.
 */
export function ReportControl({ reviewId }: { reviewId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(reportReviewAction, null);
  if (state?.ok) return <FormMessage state={state} />;
  const reasonId = `report-reason-${reviewId}`;
  const error = state && !state.ok ? (state.fieldErrors?.reason?.join(" ") ?? null) : null;
  return (
    <details className="text-sm" open={Boolean(state && !state.ok)}>
      <summary className="cursor-pointer font-medium text-slate-700 underline-offset-2 hover:underline">Report</summary>
      <form action={formAction} className="mt-2 flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3">
        {state && !state.ok && !error ? <FormMessage state={state} /> : null}
        <input type="hidden" name="reviewId" value={reviewId} />
        <label htmlFor={reasonId} className="font-medium text-slate-800">
          Why should a moderator look at this review?
        </label>
        <textarea
          id={reasonId}
          name="reason"
          rows={2}
          required
          maxLength={REPORT_REASON.max}
          defaultValue={state && !state.ok ? state.values?.reason : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${reasonId}-error` : undefined}
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        />
        {error ? (
          <p id={`${reasonId}-error`} className="font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <div>
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            Send report
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}
