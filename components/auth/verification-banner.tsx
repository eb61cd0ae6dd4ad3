"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/errors";
import { confirmedEmailUnlocks } from "@/lib/auth/role-wording";
import type { Role } from "@/lib/vocabulary";
import { SubmitButton } from "@/components/ui/submit-button";

/** Unverified users may look around but not act (a patient cannot book); this says so and offers a new link. */
export function VerificationBanner({ role }: { role: Role }) {
  const [state, formAction] = useActionState<FormState, FormData>(resendVerificationAction, null);
  return (
    <div
      role="status"
      className="mb-6 flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 sm:flex-row sm:items-center sm:justify-between"
    >
      <p>
        <strong>Confirm your email address.</strong> We sent you a link; you can {confirmedEmailUnlocks[role]} once your address is confirmed.
      </p>
      {state?.ok ? (
        <p className="font-medium">A new link is on its way.</p>
      ) : (
        <form action={formAction} className="flex flex-col gap-2 sm:items-end">
          {/* A refusal, such as too many links asked for in an hour, says when to try again. */}
          {state && !state.ok ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              {state.message}
            </p>
          ) : null}
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            Send a new link
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
