"use client";

import { useActionState } from "react";
import { addFundsAction, withdrawAction } from "@/app/patient/wallet/actions";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage, errorsOf, valueOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

// "Add funds" and "Withdraw to card" on /patient/wallet. Each form carries its
// own id (new with each render of the page), so a form sent twice is one
// Checkout or one withdrawal.

interface Props {
  currencies: string[];
  requestId: string;
}

function CurrencyAndAmount({ state, prefix, currencies, hint }: { state: FormState; prefix: string; currencies: string[]; hint: string }) {
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_8rem]">
      <Field
        label="Amount"
        name="amount"
        id={`${prefix}-amount`}
        required
        inputMode="decimal"
        pattern="[0-9]+([.][0-9]{1,2})?"
        placeholder="50.00"
        hint={hint}
        defaultValue={valueOf(state, "amount", "")}
        errors={errorsOf(state, "amount")}
      />
      <SelectField
        label="Currency"
        name="currency"
        id={`${prefix}-currency`}
        defaultValue={valueOf(state, "currency", currencies[0])}
        options={currencies.map((currency) => ({ value: currency, label: currency }))}
        errors={errorsOf(state, "currency")}
      />
    </div>
  );
}

export function AddFundsForm({ currencies, requestId }: Props) {
  const [state, formAction] = useActionState<FormState, FormData>(addFundsAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Add funds">
      <FormMessage state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <CurrencyAndAmount state={state} prefix="top-up" currencies={currencies} hint="Paid by card on Stripe's secure page; from 1.00 to 5,000.00." />
      <div>
        <SubmitButton variant="primary" pendingLabel="Opening Stripe…">
          Add funds
        </SubmitButton>
      </div>
    </form>
  );
}

export function WithdrawForm({ currencies, requestId, limits }: Props & { limits: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(withdrawAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Withdraw to card">
      <FormMessage state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <CurrencyAndAmount state={state} prefix="withdraw" currencies={currencies} hint={limits} />
      <div>
        <SubmitButton variant="secondary" pendingLabel="Withdrawing…">
          Withdraw to card
        </SubmitButton>
      </div>
    </form>
  );
}
