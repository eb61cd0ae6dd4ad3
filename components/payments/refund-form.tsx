"use client";

import { useActionState } from "react";
import { refundAction, retryRefundAction } from "@/app/admin/payments/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";

/**
 * A manual refund: full by default, any smaller amount allowed, always with a reason (it is audited).
 * Once nothing is left to refund (`closed` says why) the form gives way to that, under its answer.
 */
export function RefundForm({
  paymentId,
  patientName,
  maxLabel,
  maxAmount,
  currency,
  closed,
}: {
  paymentId: string;
  patientName: string;
  maxLabel: string;
  maxAmount: string;
  currency: string;
  closed?: string;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(refundAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  if (closed)
    return (
      <div className="flex flex-col gap-3">
        <FormMessage state={state} />
        <p className="text-sm text-slate-700">{closed}</p>
      </div>
    );
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <FormMessage state={state} />
      <input type="hidden" name="paymentId" value={paymentId} />
      <Field
        label={`Amount to refund (${currency})`}
        name="amount"
        inputMode="decimal"
        required
        defaultValue={values?.amount ?? maxAmount}
        errors={errors?.amount}
        hint={`Up to ${maxLabel}. Enter less for a partial refund.`}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="refund-reason" className="text-sm font-medium text-slate-800">
          Reason
          <span className="text-red-700" aria-hidden="true">
            {" "}
            *
          </span>
        </label>
        <textarea
          id="refund-reason"
          name="reason"
          rows={3}
          required
          minLength={3}
          maxLength={500}
          defaultValue={values?.reason}
          aria-invalid={errors?.reason ? true : undefined}
          aria-describedby={errors?.reason ? "refund-reason-error" : undefined}
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        />
        {errors?.reason ? (
          <p id="refund-reason-error" className="text-sm font-medium text-red-700">
            {errors.reason.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <ConfirmSubmit
          pendingLabel="Refunding…"
          confirmLabel={(form) => `Refund ${form ? `${String(form.get("amount") ?? "").trim()} ${currency}` : "this amount"} to ${patientName}`}
          description="The money goes back to the card it came from. This cannot be undone, and it is recorded in the audit log."
          echo={[
            { name: "amount", label: `Amount (${currency})` },
            { name: "reason", label: "Reason" },
          ]}
        >
          Issue refund
        </ConfirmSubmit>
      </div>
    </form>
  );
}

/** Sends a pending refund to Stripe again (it was recorded while Stripe was unreachable). */
export function RetryRefundForm({ refundId }: { refundId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(retryRefundAction, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="refundId" value={refundId} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send refund again
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
