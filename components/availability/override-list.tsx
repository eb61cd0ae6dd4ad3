"use client";

import { useActionState } from "react";
import { deleteOverrideAction } from "@/app/doctor/availability/actions";
import type { FormState } from "@/lib/errors";
import { FormMessage } from "@/components/ui/form-state";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { describeRanges, type StoredOverride } from "@/lib/availability/open-hours";

export interface ListedOverride extends StoredOverride {
  /** "Thu 12 Mar 2026", formatted on the server so both renders agree. */
  label: string;
}

function OverrideItem({ override, formAction }: { override: ListedOverride; formAction: (formData: FormData) => void }) {
  return (
    <li className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <time dateTime={override.date} className="font-medium text-slate-900">
            {override.label}
          </time>
          <p className={`text-sm ${override.closed ? "font-medium text-red-800" : "text-slate-700"}`}>
            {override.closed ? "Closed all day" : describeRanges(override.ranges)}
          </p>
        </div>
        {/* A plain form: without JavaScript the confirmation is a page of its own. */}
        <form action={formAction}>
          <input type="hidden" name="overrideId" value={override.id} />
          {/* Each Delete says which date it deletes; the dialog's button says it again in other words, so the two names never clash. */}
          <ConfirmSubmit
            variant="secondary"
            pendingLabel="Deleting…"
            ariaLabel={`Delete override for ${override.label}`}
            confirmLabel={`Delete the override of ${override.label}`}
            title={`Delete the override of ${override.label}?`}
            description="That date follows your weekly hours again."
          >
            Delete
          </ConfirmSubmit>
        </form>
      </div>
    </li>
  );
}

/** One answer for the list: a deleted override leaves it, so its "deleted" is said above the list, where it was. */
export function OverrideList({ overrides }: { overrides: ListedOverride[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(deleteOverrideAction, null);
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      {overrides.length === 0 ? (
        <p className="text-slate-600">No upcoming overrides. Every date follows your weekly hours.</p>
      ) : (
        <ul aria-label="Upcoming overrides" className="divide-y divide-slate-100">
          {overrides.map((override) => (
            <OverrideItem key={override.id} override={override} formAction={formAction} />
          ))}
        </ul>
      )}
    </div>
  );
}
