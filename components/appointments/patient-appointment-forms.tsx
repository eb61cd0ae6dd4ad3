"use client";

import { useActionState } from "react";
import { cancelAsPatientAction, rescheduleAsPatientAction } from "@/app/patient/appointments/actions";
import type { FormState } from "@/lib/errors";
import { CancelReasonField } from "./cancel-reason-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** With `refund` (a card-paid visit that is refunded), the patient chooses where the money goes: back to the card, or wallet credit at once. */
export function CancelAppointmentForm({ appointmentId, refund }: { appointmentId: string; refund?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(cancelAsPatientAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="appointmentId" value={appointmentId} />
      {refund ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-800">Where the refund of {refund} goes</legend>
          <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700">
            <input type="radio" name="refundTo" value="card" defaultChecked className="mt-1 accent-brand-700" />
            <span>
              <span className="block font-medium">Refund to card</span>
              <span className="block text-sm text-slate-600">Back to the card you paid with; banks take a few days to show it.</span>
            </span>
          </label>
          <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700">
            <input type="radio" name="refundTo" value="wallet" className="mt-1 accent-brand-700" />
            <span>
              <span className="block font-medium">Keep as wallet credit</span>
              <span className="block text-sm text-slate-600">In your Careslot wallet at once, to pay your next visit.</span>
            </span>
          </label>
        </fieldset>
      ) : null}
      <CancelReasonField id="cancel-reason" label="Reason for cancelling" rows={3} failed={state && !state.ok ? state : null} />
      <SubmitButton variant="danger" pendingLabel="Cancelling…">
        Confirm cancellation
      </SubmitButton>
    </form>
  );
}

export function ConfirmRescheduleForm({ appointmentId, startsAt, summary }: { appointmentId: string; startsAt: string; summary: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(rescheduleAsPatientAction, null);
  return (
    <form action={formAction} className="mt-4 flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="font-medium">{summary}</p>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <SubmitButton pendingLabel="Moving…">Move appointment</SubmitButton>
    </form>
  );
}
