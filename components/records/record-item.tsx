"use client";

import { useActionState } from "react";
import { deleteRecordAction, shareRecordAction, unshareRecordAction } from "@/app/patient/records/actions";
import type { FormState } from "@/lib/errors";
import { FormMessage } from "@/components/ui/form-state";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { SubmitButton } from "@/components/ui/submit-button";

export type RecordView = {
  id: string;
  title: string;
  typeLabel: string;
  originalName: string;
  size: string;
  uploaded: string;
  shares: { appointmentId: string; label: string }[];
};

export type ShareOption = { appointmentId: string; label: string };

/** One document: download, share per appointment, stop sharing, delete. */
export function RecordItem({ record, options }: { record: RecordView; options: ShareOption[] }) {
  const [shared, share] = useActionState<FormState, FormData>(shareRecordAction, null);
  const [unshared, unshare] = useActionState<FormState, FormData>(unshareRecordAction, null);
  const [deleted, remove] = useActionState<FormState, FormData>(deleteRecordAction, null);
  const sharedIds = new Set(record.shares.map((s) => s.appointmentId));
  const available = options.filter((o) => !sharedIds.has(o.appointmentId));
  return (
    <article aria-label={record.title} className="flex flex-col gap-3 py-4">
      <FormMessage state={shared} />
      <FormMessage state={unshared} />
      <FormMessage state={deleted} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="font-semibold text-slate-900">{record.title}</h3>
          <p className="text-sm text-slate-600">
            {record.typeLabel} · {record.originalName} · {record.size} · uploaded {record.uploaded}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a
            href={`/api/records/${record.id}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Download<span className="sr-only"> {record.title}</span>
          </a>
          <form action={remove}>
            <input type="hidden" name="recordId" value={record.id} />
            <ConfirmSubmit
              pendingLabel="Deleting…"
              confirmLabel={`Delete ${record.title}`}
              description="Deleting cannot be undone. Doctors it is shared with lose access too."
            >{`Delete ${record.title}`}</ConfirmSubmit>
          </form>
        </div>
      </div>
      <div className="rounded-md bg-slate-50 p-3 text-sm">
        {record.shares.length === 0 ? (
          <p className="text-slate-700">Not shared with any doctor.</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {record.shares.map((s) => (
              <li key={s.appointmentId} className="flex flex-wrap items-center gap-2">
                <span>Shared with {s.label}</span>
                <form action={unshare}>
                  <input type="hidden" name="recordId" value={record.id} />
                  <input type="hidden" name="appointmentId" value={s.appointmentId} />
                  <SubmitButton variant="secondary" pendingLabel="Stopping…">{`Stop sharing with ${s.label}`}</SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        )}
        {available.length > 0 ? (
          <form action={share} className="mt-2 flex flex-wrap items-end gap-2">
            <input type="hidden" name="recordId" value={record.id} />
            <div className="flex flex-col gap-1">
              <label htmlFor={`share-${record.id}`} className="font-medium text-slate-800">
                Share with the doctor of
              </label>
              <select id={`share-${record.id}`} name="appointmentId" required className="rounded-md border border-slate-300 bg-white px-3 py-2">
                {available.map((o) => (
                  <option key={o.appointmentId} value={o.appointmentId}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton variant="secondary" pendingLabel="Sharing…">{`Share ${record.title}`}</SubmitButton>
          </form>
        ) : options.length === 0 ? (
          <p className="mt-2 text-slate-600">Book an appointment to share documents with that doctor.</p>
        ) : null}
      </div>
    </article>
  );
}
