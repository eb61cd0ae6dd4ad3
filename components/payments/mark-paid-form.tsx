"use client";

import { useActionState } from "react";
import { markPaidAction } from "@/app/doctor/payments/actions";
import type { FormState } from "@/lib/errors";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/** One "Mark paid" button per visit; its result is announced next to it. */
export function MarkPaidForm({ appointmentId, label }: { appointmentId: string; label: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(markPaidAction, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <SubmitButton variant="secondary" pendingLabel="Saving…" className="whitespace-nowrap">
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
