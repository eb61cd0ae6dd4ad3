"use client";

import { useActionState, useState } from "react";
import { deleteReviewAction, saveReviewAction } from "@/app/patient/appointments/[id]/review/actions";
import { FormMessage, errorsOf, valueOf } from "@/components/ui/form-state";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { FormState } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { REVIEW_BODY } from "@/lib/reviews/limits";

interface ReviewFormProps {
  appointmentId: string;
  doctorId: string;
  existing: { id: string; rating: number; body: string } | null;
}

/** Stars as a radio group (keyboard: arrows), text with a live count; works without JavaScript too. */
export function ReviewForm({ appointmentId, doctorId, existing }: ReviewFormProps) {
  const [state, formAction] = useActionState<FormState, FormData>(saveReviewAction, null);
  const [deleteState, deleteAction] = useActionState<FormState, FormData>(deleteReviewAction, null);
  const body = valueOf(state, "body", existing?.body);
  const [length, setLength] = useState(body.length);
  const rating = valueOf(state, "rating", existing?.rating);
  const ratingErrors = errorsOf(state, "rating");
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-4">
        {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
        <input type="hidden" name="appointmentId" value={appointmentId} />
        {existing ? <input type="hidden" name="reviewId" value={existing.id} /> : null}
        <fieldset aria-describedby={ratingErrors ? "rating-error" : undefined}>
          <legend className="mb-2 text-sm font-medium text-slate-800">Rating</legend>
          <div className="flex flex-wrap gap-2">
            {[1, 2, 3, 4, 5].map((star) => (
              <label
                key={star}
                className="flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input type="radio" name="rating" value={star} defaultChecked={rating === String(star)} required className="accent-brand-700" />
                <span aria-hidden="true" className="text-amber-600">
                  {"★".repeat(star)}
                </span>
                <span>
                  {star} {star === 1 ? "star" : "stars"}
                </span>
              </label>
            ))}
          </div>
          {ratingErrors ? (
            <p id="rating-error" className="mt-1 text-sm font-medium text-red-700">
              {ratingErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <TextAreaField
          label="Your review"
          name="body"
          rows={5}
          required
          maxLength={REVIEW_BODY.max}
          defaultValue={body}
          onChange={(event) => setLength(event.target.value.trim().length)}
          errors={errorsOf(state, "body")}
          hint={`${REVIEW_BODY.min}–${REVIEW_BODY.max.toLocaleString("en-GB")} characters (now ${length}). Shown with your first name and initial.`}
        />
        <div>
          <SubmitButton pendingLabel="Saving…">{existing ? "Save changes" : "Publish review"}</SubmitButton>
        </div>
      </form>
      {existing ? (
        <form action={deleteAction} className="border-t border-slate-100 pt-4">
          <FormMessage state={deleteState} />
          <input type="hidden" name="appointmentId" value={appointmentId} />
          <input type="hidden" name="reviewId" value={existing.id} />
          <input type="hidden" name="doctorId" value={doctorId} />
          <SubmitButton variant="danger" pendingLabel="Deleting…">
            Delete review
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
