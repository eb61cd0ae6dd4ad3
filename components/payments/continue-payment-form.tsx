"use client";

import { useActionState } from "react";
import { continuePaymentAction, type PaymentFormState } from "@/app/patient/payments/actions";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

export function ContinuePaymentForm({ appointmentId }: { appointmentId: string }) {
  const [state, formAction] = useActionState<PaymentFormState, FormData>(continuePaymentAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-2">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <SubmitButton pendingLabel="Opening payment…">Continue to payment</SubmitButton>
    </form>
  );
}
