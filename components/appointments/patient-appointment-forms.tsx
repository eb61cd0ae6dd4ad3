"use client";

import { useActionState } from "react";
import { cancelAsPatientAction, rescheduleAsPatientAction } from "@/app/patient/appointments/actions";
import type { FormState } from "@/lib/errors";
import { CancelReasonField } from "./cancel-reason-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

export function CancelAppointmentForm({ appointmentId }: { appointmentId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(cancelAsPatientAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="appointmentId" value={appointmentId} />
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
