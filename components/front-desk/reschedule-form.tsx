"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/errors";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

type RescheduleAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** A doctor or admin moving a visit for the patient: the old time is kept until the move succeeds. */
export function StaffRescheduleForm({
  action,
  appointmentId,
  startsAt,
  summary,
}: {
  action: RescheduleAction;
  appointmentId: string;
  startsAt: string;
  summary: string;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <form action={formAction} className="flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="font-medium">{summary}</p>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <div>
        <SubmitButton pendingLabel="Moving…">Move appointment</SubmitButton>
      </div>
    </form>
  );
}
