"use client";

import { useActionState } from "react";
import { saveTwoFactorPolicyAction } from "@/app/admin/settings/actions";
import { resetTwoFactorAction } from "@/app/admin/users/actions";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";
import { ResultNotice } from "./form-bits";

const roles = [
  { value: "admin", label: "Admins", hint: "They handle everyone's data." },
  { value: "doctor", label: "Doctors", hint: "They read their patients' records and notes." },
] as const;

/** The settings page's "Require two-factor authentication for": such users set it up right after their password, before any page of the portal. */
export function TwoFactorPolicyForm({ admins, doctors }: { admins: boolean; doctors: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(saveTwoFactorPolicyAction, null);
  const checked = { admin: admins, doctor: doctors };
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <ResultNotice state={state} />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-medium text-slate-800">Require two-factor authentication for</legend>
        {roles.map((role) => (
          <div key={role.value} className="flex items-start gap-2">
            <input
              id={`require-two-factor-${role.value}`}
              type="checkbox"
              name="require"
              value={role.value}
              defaultChecked={checked[role.value]}
              aria-describedby={`require-two-factor-${role.value}-hint`}
              className="mt-0.5 h-5 w-5 rounded border-slate-400"
            />
            <div>
              <label htmlFor={`require-two-factor-${role.value}`} className="text-sm font-medium text-slate-800">
                {role.label}
              </label>
              <p id={`require-two-factor-${role.value}-hint`} className="text-sm text-slate-600">
                {role.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <p className="text-sm text-slate-600">
        Those without two-factor authentication are sent to set it up right after their password, and cannot open their portal until they have. Saving ends
        their open sessions. Turn it on for your own account before requiring it for admins.
      </p>
      <div>
        <SubmitButton pendingLabel="Saving…">Save two-factor policy</SubmitButton>
      </div>
    </form>
  );
}

/**
 * "Reset two-factor authentication" on a user's page: for a lost phone; the user is emailed.
 * Rendered with 2FA off too, so the answer stays on screen after the reset.
 */
export function ResetTwoFactorForm({ userId, name, enabled }: { userId: string; name: string; enabled: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(resetTwoFactorAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      {enabled ? (
        <>
          <p className="text-sm text-slate-600">
            Lost phone? Resetting removes their authenticator and recovery codes, so they can sign in with the password and set it up again.
          </p>
          <input type="hidden" name="userId" value={userId} />
          <div>
            <ConfirmSubmit
              pendingLabel="Resetting…"
              confirmLabel={`Reset two-factor authentication of ${name}`}
              title={`Reset two-factor authentication of ${name}?`}
              description={`${name}'s authenticator app and recovery codes stop working at once; their next sign-in asks only for the password. They are emailed about it, and the reset is in the audit log.`}
            >
              Reset two-factor authentication
            </ConfirmSubmit>
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-600">Off: nothing to reset. They can turn it on from their account page.</p>
      )}
    </form>
  );
}
