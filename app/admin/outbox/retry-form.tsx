"use client";

import type { FormState } from "@/lib/errors";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { retryJobRunAction, retryOutboxAction } from "./actions";

export function RetryForm() {
  const [state, formAction] = useActionState<FormState>(retryOutboxAction, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-3">
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Sending…">Retry now</SubmitButton>
    </form>
  );
}

/** One failed run's "Retry now" (its row names the run). */
export function RetryRunForm({ runId }: { runId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(retryJobRunAction, null);
  return (
    <form action={formAction} className="flex shrink-0 flex-col items-start gap-2">
      <input type="hidden" name="runId" value={runId} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Queuing…">Retry now</SubmitButton>
    </form>
  );
}
