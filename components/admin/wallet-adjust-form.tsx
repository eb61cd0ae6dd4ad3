"use client";

import { useActionState } from "react";
import { adjustWalletAction } from "@/app/admin/users/actions";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Field, SelectField } from "@/components/ui/field";
import type { FormState } from "@/lib/errors";
import { CURRENCIES } from "@/lib/profiles/schemas";
import { ResultNotice } from "./form-bits";

/**
 * "Adjust balance" on a patient's page: a signed amount in a currency and why.
 * `requestId` is new with each render of the page, so a form sent twice posts
 * once and the next adjustment after a success is a new one.
 */
export function WalletAdjustForm({ patientId, name, requestId }: { patientId: string; name: string; requestId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(adjustWalletAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <Field
          label="Amount"
          name="amount"
          id="wallet-amount"
          required
          inputMode="decimal"
          pattern="-?[0-9]+([.][0-9]{1,2})?"
          placeholder="25.00"
          hint="Positive credits the wallet, negative debits it (never below zero)."
          errors={errors?.amount ?? errors?.amountMinor}
        />
        <SelectField
          label="Currency"
          name="currency"
          id="wallet-currency"
          defaultValue="EUR"
          options={CURRENCIES.map((currency) => ({ value: currency, label: currency }))}
          errors={errors?.currency}
        />
      </div>
      <Field
        label="Reason"
        name="reason"
        id="wallet-reason"
        required
        maxLength={300}
        hint="Shown to the patient in their wallet history."
        errors={errors?.reason}
      />
      <div>
        <ConfirmSubmit
          variant="primary"
          pendingLabel="Adjusting…"
          confirmLabel={(form) => `Adjust the balance of ${name}${form ? ` by ${String(form.get("amount") ?? "")} ${String(form.get("currency") ?? "")}` : ""}`}
          description="The change is posted to the wallet ledger at once and recorded in the audit log."
          echo={[
            { name: "amount", label: "Amount" },
            { name: "currency", label: "Currency" },
            { name: "reason", label: "Reason" },
          ]}
        >
          Adjust balance
        </ConfirmSubmit>
      </div>
    </form>
  );
}
