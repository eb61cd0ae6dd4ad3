"use client";

import { useActionState } from "react";
import { cancelTwoFactorSetupAction, confirmTwoFactorSetupAction, startTwoFactorSetupAction, turnOffTwoFactorAction } from "@/app/(auth)/two-factor-actions";
import { Field } from "@/components/ui/field";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";
import { RecoveryCodes } from "./recovery-codes";
import { SetupCodeField, SetupSteps } from "./setup-steps";

export type TwoFactorView =
  { state: "off"; required: boolean } | { state: "setting-up"; qrDataUrl: string; secret: string } | { state: "on"; since: string; recoveryCodesLeft: number };

type Confirmed = FormState<{ recoveryCodes?: string[] }>;

/**
 * The account page's "Two-factor authentication": Set up → QR code and key →
 * one code → the recovery codes, shown once; then Turn off with the password.
 * The confirmation's answer is held here whatever the status below it says,
 * so the codes stay on screen after the page refreshes to "on" (with or
 * without JavaScript: the form posts to its server action either way).
 */
export function TwoFactorSettings({ view, accountPath }: { view: TwoFactorView; accountPath: string }) {
  const [confirmed, confirmAction] = useActionState<Confirmed, FormData>(confirmTwoFactorSetupAction, null);
  const [started, startAction] = useActionState<FormState, FormData>(startTwoFactorSetupAction, null);
  const [cancelled, cancelAction] = useActionState<FormState, FormData>(cancelTwoFactorSetupAction, null);
  const [turnedOff, turnOffAction] = useActionState<FormState, FormData>(turnOffTwoFactorAction, null);
  const codes = confirmed?.ok ? confirmed.recoveryCodes : undefined;

  if (codes?.length) {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage state={confirmed} />
        <RecoveryCodes codes={codes} />
        <p>
          {/* A full page load on purpose: the codes leave this form's state, and the browser's memory of the page. */}
          <a href={accountPath} className="font-medium text-brand-700 underline">
            I have saved my recovery codes
          </a>
        </p>
      </div>
    );
  }

  if (view.state === "setting-up") {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage state={confirmed} />
        <SetupSteps qrDataUrl={view.qrDataUrl} secret={view.secret} />
        <form action={confirmAction} className="flex max-w-md flex-col gap-3" noValidate>
          <SetupCodeField errors={errorsOf(confirmed, "code")} />
          <div>
            <SubmitButton pendingLabel="Checking…">Turn on two-factor authentication</SubmitButton>
          </div>
        </form>
        <form action={cancelAction}>
          <FormMessage state={cancelled} />
          <SubmitButton variant="secondary" pendingLabel="Cancelling…">
            Cancel set-up
          </SubmitButton>
        </form>
      </div>
    );
  }

  if (view.state === "on") {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage state={confirmed} />
        <p className="text-slate-700">
          <strong className="font-semibold text-emerald-800">On</strong> since {view.since}. Signing in asks for a code from your authenticator app after your
          password. {view.recoveryCodesLeft} of 10 recovery codes left.
        </p>
        <form action={turnOffAction} className="flex max-w-md flex-col gap-3" noValidate>
          <FormMessage state={turnedOff} />
          <Field
            label="Password"
            name="password"
            id="two-factor-off-password"
            type="password"
            autoComplete="current-password"
            required
            errors={errorsOf(turnedOff, "password")}
            hint="Your password, to turn two-factor authentication off."
          />
          <div>
            <SubmitButton variant="secondary" pendingLabel="Turning off…">
              Turn off two-factor authentication
            </SubmitButton>
          </div>
        </form>
      </div>
    );
  }

  return (
    <form action={startAction} className="flex flex-col gap-3">
      <FormMessage state={turnedOff ?? cancelled ?? started} />
      <p className="text-slate-700">
        Off. With two-factor authentication, signing in also asks for a code from an authenticator app on your phone, so a stolen password alone is not enough.
        {view.required ? " Your role requires it: set it up now." : ""}
      </p>
      <div>
        <SubmitButton pendingLabel="Starting…">Set up</SubmitButton>
      </div>
    </form>
  );
}
