"use client";

import { useActionState } from "react";
import { replyToReviewAction } from "@/app/doctor/reviews/actions";
import { FormMessage, errorsOf, valueOf } from "@/components/ui/form-state";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { FormState } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { REPLY } from "@/lib/reviews/limits";

/** One reply per review: once sent it is published under the review and cannot be changed. */
export function ReplyForm({ reviewId, reviewerName }: { reviewId: string; reviewerName: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(replyToReviewAction, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      <input type="hidden" name="reviewId" value={reviewId} />
      <TextAreaField
        label={`Your reply to ${reviewerName}`}
        name="reply"
        id={`reply-${reviewId}`}
        rows={3}
        required
        maxLength={REPLY.max}
        defaultValue={valueOf(state, "reply", "")}
        errors={errorsOf(state, "reply")}
        hint="Shown publicly under the review. You can reply once."
      />
      <div>
        <SubmitButton pendingLabel="Publishing…">Publish reply</SubmitButton>
      </div>
    </form>
  );
}
