"use client";

import { useActionState } from "react";
import { bookAction, type BookState } from "@/app/doctors/[id]/actions";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** The booking form; the chosen slot travels as an ISO instant with its offset. With `payNow` it goes on to Stripe Checkout. */
export function BookingCheckoutForm({ doctorId, startsAt, summary, paymentNote, payNow }: { doctorId: string; startsAt: string; summary: string; paymentNote: string; payNow: boolean }) {
  const [state, formAction] = useActionState<BookState, FormData>(bookAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const reasonError = errors?.reason?.join(" ") ?? errors?.startsAt?.join(" ");
  return (
    <form action={formAction} className="mt-4 flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="font-medium text-slate-900">{summary}</p>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="doctorId" value={doctorId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <label htmlFor="reason" className="text-sm font-medium text-slate-800">
        Reason for visit <span className="font-normal text-slate-600">(optional, shared with the doctor)</span>
      </label>
      <textarea
        id="reason"
        name="reason"
        rows={3}
        maxLength={500}
        defaultValue={state && !state.ok ? state.values?.reason : undefined}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? "reason-error" : undefined}
        className="rounded-md border border-slate-300 bg-white px-3 py-2"
      />
      {reasonError ? (
        <p id="reason-error" className="text-sm font-medium text-red-700">
          {reasonError}
        </p>
      ) : null}
      <p id="payment-note" className="text-sm text-slate-700">
        {paymentNote}
      </p>
      <SubmitButton pendingLabel={payNow ? "Going to payment…" : "Booking…"}>Book appointment</SubmitButton>
    </form>
  );
}
