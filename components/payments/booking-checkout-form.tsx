"use client";

import { useActionState } from "react";
import { bookAction } from "@/app/doctors/[id]/actions";
import type { FormState } from "@/lib/errors";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { WalletOffer } from "@/lib/wallet/offer";

/**
 * The booking form; the chosen slot travels as an ISO instant with its offset.
 * With `payNow` it goes on to Stripe Checkout. With a `wallet` the patient may
 * choose "Pay from wallet balance" instead (disabled, with the shortfall, when
 * the balance does not cover the visit).
 */
export function BookingCheckoutForm({
  doctorId,
  startsAt,
  summary,
  paymentNote,
  payNow,
  draftReason,
  wallet,
}: {
  doctorId: string;
  startsAt: string;
  summary: string;
  paymentNote: string;
  payNow: boolean;
  draftReason?: string;
  wallet?: WalletOffer | null;
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
      {wallet ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-800">How to pay</legend>
          <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700">
            <input
              type="radio"
              name="payWith"
              value="usual"
              defaultChecked={!wallet.covers}
              aria-describedby="payment-note"
              className="mt-1 accent-brand-700"
            />
            <span>
              <span className="font-medium">{payNow ? "Pay by card" : "Pay at the clinic"}</span>
              <span id="payment-note" className="block text-sm text-slate-600">
                {paymentNote}
              </span>
            </span>
          </label>
          <label
            className={`flex items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700 ${wallet.covers ? "cursor-pointer" : "opacity-70"}`}
          >
            <input
              type="radio"
              name="payWith"
              value="wallet"
              disabled={!wallet.covers}
              defaultChecked={wallet.covers}
              aria-describedby="wallet-note"
              className="mt-1 accent-brand-700"
            />
            <span>
              <span className="font-medium">Pay from wallet balance</span>
              <span id="wallet-note" className="block text-sm text-slate-600">
                {wallet.hint}
              </span>
            </span>
          </label>
        </fieldset>
      ) : (
        <p id="payment-note" className="text-sm text-slate-700">
          {paymentNote}
        </p>
      )}
      <SubmitButton pendingLabel={payNow ? "Going to payment…" : "Booking…"}>Book appointment</SubmitButton>
    </form>
  );
}
