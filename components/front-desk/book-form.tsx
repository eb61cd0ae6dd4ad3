"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/errors";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";

export type FrontDeskAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * The last step of "Book for a patient": the chosen time, the reason, and how
 * the fee is paid. The service re-checks everything (the slot, overlaps, caps).
 */
export function FrontDeskBookForm({
  action,
  patientId,
  doctorId,
  startsAt,
  summary,
  price,
  paymentLinkAvailable,
}: {
  action: FrontDeskAction;
  patientId: string;
  doctorId: string;
  startsAt: string;
  summary: string;
  /** The fee as text, or null for a free visit. */
  price: string | null;
  paymentLinkAvailable: boolean;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="font-medium text-slate-900">{summary}</p>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="doctorId" value={doctorId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <TextAreaField
        label="Reason for visit"
        name="reason"
        id="front-desk-reason"
        rows={3}
        maxLength={500}
        defaultValue={values?.reason}
        errors={errors?.reason}
        hint="What the patient said on the phone or at the desk. Only the patient and the doctor see it."
      />
      {price ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">Payment ({price})</legend>
          <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700">
            <input type="radio" name="payment" value="clinic" defaultChecked={values?.payment !== "link"} className="mt-1 accent-brand-700" />
            <span>
              <span className="font-medium">Pay at the clinic</span>
              <span className="block text-sm text-slate-600">Confirmed now; the fee is due at the visit.</span>
            </span>
          </label>
          <label
            className={`flex items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700 ${paymentLinkAvailable ? "cursor-pointer" : "opacity-70"}`}
          >
            <input
              type="radio"
              name="payment"
              value="link"
              disabled={!paymentLinkAvailable}
              defaultChecked={paymentLinkAvailable && values?.payment === "link"}
              aria-describedby="payment-link-hint"
              className="mt-1 accent-brand-700"
            />
            <span>
              <span className="font-medium">Email a payment link</span>
              <span id="payment-link-hint" className="block text-sm text-slate-600">
                {paymentLinkAvailable
                  ? "The time is held while the patient pays online; it is confirmed once paid, and released if not paid in time."
                  : "Not available: online payment is not set up."}
              </span>
            </span>
          </label>
          {errors?.payment ? <p className="text-sm font-medium text-red-700">{errors.payment.join(" ")}</p> : null}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-700">This visit is free of charge.</p>
      )}
      <div>
        <SubmitButton pendingLabel="Booking…">Book for patient</SubmitButton>
      </div>
    </form>
  );
}
