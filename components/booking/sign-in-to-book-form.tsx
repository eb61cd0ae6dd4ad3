"use client";

import type { MouseEvent } from "react";
import { keepReasonAndSignInAction } from "@/app/doctors/[id]/actions";
import { TextAreaField } from "@/components/ui/field";

export const SIGN_IN_TO_BOOK_FORM_ID = "sign-in-to-book";

/**
 * What a visitor sees under the chosen time: the reason field, and the way to
 * sign in. With a reason typed, "Sign in to book" first has the server keep it
 * (never in the URL) so it is back in the booking form after sign-in or
 * registration; without JavaScript the link signs in with the time kept.
 */
export function SignInToBookForm({ doctorId, returnTo, signInHref }: { doctorId: string; returnTo: string; signInHref: string }) {
  return (
    <form id={SIGN_IN_TO_BOOK_FORM_ID} action={keepReasonAndSignInAction} className="flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <input type="hidden" name="doctorId" value={doctorId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <TextAreaField
        id="reason"
        name="reason"
        label="Reason for visit"
        hint="Optional, shared with the doctor. Kept while you sign in or create an account."
        rows={3}
        maxLength={500}
      />
      <p className="text-sm text-slate-800">
        Sign in as a patient to book.{" "}
        <a href={signInHref} onClick={(event) => submitWithReason(event)} className="font-medium text-brand-700 underline">
          Sign in to book
        </a>
      </p>
    </form>
  );
}

/** A click on a "Sign in to book" link: through the form when a reason was typed, so the server keeps it. */
export function submitWithReason(event: MouseEvent<HTMLAnchorElement>, formId: string = SIGN_IN_TO_BOOK_FORM_ID): void {
  const form = document.getElementById(formId);
  if (!(form instanceof HTMLFormElement)) return;
  const reason = form.elements.namedItem("reason");
  if (!(reason instanceof HTMLTextAreaElement) || reason.value.trim() === "") return;
  event.preventDefault();
  form.requestSubmit();
}
