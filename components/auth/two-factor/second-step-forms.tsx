"use client";

import { useActionState } from "react";
import { abandonSecondStepAction, confirmSetupAtSignInAction, finishSetupSignInAction, twoFactorSignInAction } from "@/app/(auth)/two-factor-actions";
import { Field } from "@/components/ui/field";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";
import { RecoveryCodes } from "./recovery-codes";
import { SetupCodeField, SetupSteps } from "./setup-steps";

/** After the password: "Authentication code", from the app or a recovery code. */
export function TwoFactorSignInForm() {
  const [state, formAction] = useActionState<FormState, FormData>(twoFactorSignInAction, null);
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-4" noValidate>
        <FormMessage state={state} />
        <Field
          label="Authentication code"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          errors={errorsOf(state, "code")}
          hint="The 6 digits your authenticator app shows for Careslot. Lost your phone? Enter one of your recovery codes instead."
        />
        <SubmitButton pendingLabel="Checking…">Verify</SubmitButton>
      </form>
      <StartAgain />
    </div>
  );
}

type Confirmed = FormState<{ recoveryCodes?: string[] }>;

/** The set-up the admin setting requires, between the password and the portal; then the recovery codes and "Continue". */
export function SetupAtSignInForm({ qrDataUrl, secret }: { qrDataUrl: string; secret: string }) {
  const [confirmed, confirmAction] = useActionState<Confirmed, FormData>(confirmSetupAtSignInAction, null);
  const [finished, finishAction] = useActionState<FormState, FormData>(finishSetupSignInAction, null);
  const codes = confirmed?.ok ? confirmed.recoveryCodes : undefined;
  if (codes?.length) {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage state={finished ?? confirmed} />
        <RecoveryCodes codes={codes} />
        <form action={finishAction}>
          <SubmitButton pendingLabel="Signing in…">Continue</SubmitButton>
        </form>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <FormMessage state={confirmed} />
      <SetupSteps qrDataUrl={qrDataUrl} secret={secret} />
      <form action={confirmAction} className="flex flex-col gap-4" noValidate>
        <SetupCodeField errors={errorsOf(confirmed, "code")} />
        <SubmitButton pendingLabel="Checking…">Turn on two-factor authentication</SubmitButton>
      </form>
      <StartAgain />
    </div>
  );
}

function StartAgain() {
  return (
    <form action={abandonSecondStepAction}>
      <button type="submit" className="text-sm font-medium text-brand-700 underline">
        Sign in as someone else
      </button>
    </form>
  );
}
