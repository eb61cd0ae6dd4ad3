"use client";

import { useActionState } from "react";
import { signOutOtherSessionsAction, signOutSessionAction } from "@/app/(auth)/account-actions";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/errors";

export interface SessionRow {
  id: string;
  browser: string;
  network: string | null;
  /** The country the network is registered in, when known. */
  place: string | null;
  signedIn: string;
  lastSeen: string;
  remembered: boolean;
  current: boolean;
}

/** Where the account is signed in, this browser first, each with its own sign-out. */
export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(signOutOtherSessionsAction, null);
  // One answer for the per-session buttons, above the list: the list itself changes once a session ends.
  const [oneState, signOutOne] = useActionState<FormState, FormData>(signOutSessionAction, null);
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="flex flex-col gap-4">
      <FormMessage state={oneState} />
      <ul aria-label="Active sessions" className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="text-sm">
              <p className="font-medium text-slate-900">
                {session.browser}
                {session.current ? (
                  <span className="ml-2 inline-block rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-emerald-900">
                    This browser
                  </span>
                ) : null}
              </p>
              <p className="text-slate-600">
                {session.place ? `${session.place} · ` : ""}
                {session.network ? `Network ${session.network} · ` : ""}Signed in {session.signedIn} · last seen {session.lastSeen}
                {session.remembered ? " · kept signed in" : ""}
              </p>
            </div>
            {session.current ? null : (
              <form action={signOutOne}>
                <input type="hidden" name="sessionId" value={session.id} />
                <SubmitButton variant="secondary" pendingLabel="Signing out…">
                  {`Sign out ${session.browser}`}
                </SubmitButton>
              </form>
            )}
          </li>
        ))}
      </ul>
      <form action={formAction} className="flex flex-col gap-2">
        <FormMessage state={state} />
        {others > 0 ? (
          <div>
            <SubmitButton variant="secondary" pendingLabel="Signing out…">
              Sign out everywhere else
            </SubmitButton>
          </div>
        ) : state?.ok ? null : (
          <p className="text-sm text-slate-600">No other browser is signed in to your account.</p>
        )}
      </form>
    </div>
  );
}
