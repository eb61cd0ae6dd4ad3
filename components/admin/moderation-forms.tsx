"use client";

import { useActionState } from "react";
import { moderateReviewAction, resolveReportsAction } from "@/app/admin/reviews/actions";
import type { FormState } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/field";
import { ResultNotice } from "./form-bits";

export function ModerationForms({
  reviewId,
  status,
  openReports,
  view,
}: {
  reviewId: string;
  status: "visible" | "hidden";
  openReports: number;
  view: string;
}) {
  const [moderated, moderate] = useActionState<FormState, FormData>(moderateReviewAction, null);
  const [resolved, resolve] = useActionState<FormState, FormData>(resolveReportsAction, null);
  const failed = moderated && !moderated.ok ? moderated : null;
  const hide = status === "visible";
  return (
    <div className="flex flex-col gap-3">
      <ResultNotice state={moderated} />
      <ResultNotice state={resolved} />
      <form action={moderate} className="flex flex-col gap-2">
        <input type="hidden" name="reviewId" value={reviewId} />
        <input type="hidden" name="view" value={view} />
        <input type="hidden" name="decision" value={hide ? "hide" : "restore"} />
        <TextAreaField
          label={hide ? "Reason for hiding" : "Reason for restoring"}
          name="reason"
          id={`moderation-reason-${reviewId}`}
          rows={2}
          required
          minLength={3}
          maxLength={500}
          defaultValue={failed?.values?.reason}
          errors={failed?.fieldErrors?.reason}
        />
        <div>
          <SubmitButton variant={hide ? "danger" : "primary"} pendingLabel="Saving…">
            {hide ? "Hide review" : "Restore review"}
          </SubmitButton>
        </div>
      </form>
      {openReports > 0 ? (
        <form action={resolve}>
          <input type="hidden" name="reviewId" value={reviewId} />
          <input type="hidden" name="view" value={view} />
          <input type="hidden" name="view" value={view} />
          <SubmitButton variant="secondary" pendingLabel="Dismissing…">
            Dismiss reports, keep as is
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
