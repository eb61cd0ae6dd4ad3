"use client";

import { useActionState } from "react";
import { bookAction } from "@/app/doctors/[id]/actions";
import type { FormState } from "@/lib/errors";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** The booking form; the chosen slot travels as an ISO instant with its offset. With `payNow` it goes on to Stripe Checkout. */
export function BookingCheckoutForm({
  doctorId,
  startsAt,
  summary,
  paymentNote,
  payNow,
  draftReason,
}: {
  doctorId: string;
  startsAt: string;
  summary: string;
  paymentNote: string;
  payNow: boolean;
  draftReason?: string;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(bookAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const reasonError = errors?.reason?.join(" ") ?? errors?.startsAt?.join(" ");
  return (
    <form action={formAction} className="mt-4 flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="font-medium text-slate-900">{summary}</p>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="doctorId" value={doctorId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <TextAreaField
        id="reason"
        name="reason"
        label="Reason for visit"
        hint="Optional, shared with the doctor."
        rows={3}
        maxLength={500}
        defaultValue={state && !state.ok ? state.values?.reason : draftReason}
        errors={reasonError ? [reasonError] : undefined}
      />
      <p id="payment-note" className="text-sm text-slate-700">
        {paymentNote}
      </p>
      <SubmitButton pendingLabel={payNow ? "Going to payment…" : "Booking…"}>Book appointment</SubmitButton>
    </form>
  );
}
