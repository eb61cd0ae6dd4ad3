"use client";

import { useActionState } from "react";
import { unlinkGoogleAction } from "@/app/(auth)/google-actions";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

export interface GoogleLinkView {
  /** The Google account's email, when one is linked. */
  linkedEmail: string | null;
  linkedOn: string | null;
  hasPassword: boolean;
}

/** The account page's "Google" section: linked or not, and "Unlink" while a password remains to sign in with. */
export function GoogleAccount({ link }: { link: GoogleLinkView }) {
  const [state, formAction] = useActionState<FormState, FormData>(unlinkGoogleAction, null);
  if (!link.linkedEmail) {
    return (
      <div className="flex flex-col gap-2 text-slate-700">
        <FormMessage state={state} />
        <p>
          <span className="font-medium text-slate-900">Not linked.</span> To link it, sign out and choose Continue with Google with a Google account that uses
          this address; you will be asked for your password once.
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-3 text-slate-700">
      <FormMessage state={state} />
      <p>
        <span className="font-medium text-slate-900">Linked</span> to the Google account <span className="break-all">{link.linkedEmail}</span>
        {link.linkedOn ? ` since ${link.linkedOn}` : ""}. Continue with Google signs you in.
      </p>
      {link.hasPassword ? (
        <div>
          <SubmitButton variant="secondary" pendingLabel="Unlinking…">
            Unlink
          </SubmitButton>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Google is the only way you sign in, so it cannot be unlinked yet. Set a password first with &ldquo;Forgot your password?&rdquo; on the sign-in page.
        </p>
      )}
    </form>
  );
}
