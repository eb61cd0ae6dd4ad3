"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { deleteOverrideAction } from "@/app/doctor/availability/actions";
import type { FormState } from "@/lib/errors";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { describeRanges, type StoredOverride } from "@/lib/availability/open-hours";

export interface ListedOverride extends StoredOverride {
  /** "Thu 12 Mar 2026", formatted on the server so both renders agree. */
  label: string;
}

/** The shared SubmitButton takes no accessible name; each Delete here must say which date it deletes. */
function DeleteButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" disabled={pending} aria-label={label}>
      {pending ? "Deleting…" : "Delete"}
    </Button>
  );
}

function OverrideItem({ override }: { override: ListedOverride }) {
  const [state, formAction] = useActionState<FormState, FormData>(deleteOverrideAction, null);
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
        {/* A plain form: deleting works before JavaScript has loaded, too. */}
        <form action={formAction}>
          <input type="hidden" name="overrideId" value={override.id} />
          <DeleteButton label={`Delete override for ${override.label}`} />
        </form>
      </div>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </li>
  );
}

export function OverrideList({ overrides }: { overrides: ListedOverride[] }) {
  if (overrides.length === 0) return <p className="text-slate-600">No upcoming overrides. Every date follows your weekly hours.</p>;
  return (
    <ul aria-label="Upcoming overrides" className="divide-y divide-slate-100">
      {overrides.map((override) => (
        <OverrideItem key={override.id} override={override} />
      ))}
    </ul>
  );
}
