"use client";

import Link from "next/link";
import { useActionState } from "react";
import { bulkCancelAction, type BulkCancelState } from "@/app/admin/appointments/actions";
import { StatusBadge } from "@/components/appointments/status-badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { statusLabels } from "@/lib/format";
import { TextAreaField } from "@/components/ui/field";
import { ResultNotice } from "./form-bits";

export type AdminAppointmentItem = { id: string; when: string; doctorName: string; patientName: string; specialization: string | null; status: keyof typeof statusLabels; price: string; cancellable: boolean };

/** The appointment list is one form: tick several, give one reason, cancel them all. */
export function AppointmentBulkForm({ rows }: { rows: AdminAppointmentItem[] }) {
  const [state, formAction] = useActionState<BulkCancelState, FormData>(bulkCancelAction, null);
  const failed = state && !state.ok ? state : null;
  if (rows.length === 0) return <p className="text-slate-600">No appointments match these filters.</p>;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <ResultNotice state={state} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Appointments</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                <span className="sr-only">Select</span>
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">When (UTC)</th>
              <th scope="col" className="py-2 pr-4 font-medium">Doctor</th>
              <th scope="col" className="py-2 pr-4 font-medium">Patient</th>
              <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2 font-medium">Price</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="py-2 pr-3">
                  {row.cancellable ? <input type="checkbox" name="appointmentIds" value={row.id} aria-label={`Select the appointment of ${row.patientName} with ${row.doctorName} on ${row.when}`} className="h-4 w-4" /> : null}
                </td>
                <td className="py-2 pr-4 tabular-nums">
                  <Link href={`/admin/appointments/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {row.when}
                  </Link>
                </td>
                <td className="py-2 pr-4">
                  {row.doctorName}
                  {row.specialization ? <span className="block text-xs text-slate-600">{row.specialization}</span> : null}
                </td>
                <td className="py-2 pr-4">{row.patientName}</td>
                <td className="py-2 pr-4">
                  <StatusBadge status={row.status} />
                </td>
                <td className="py-2 tabular-nums">{row.price}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failed?.fieldErrors?.appointmentIds ? <p className="text-sm font-medium text-red-700">{failed.fieldErrors.appointmentIds.join(" ")}</p> : null}
      <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
        <TextAreaField
          label="Reason for cancelling the selected appointments (sent to each patient and doctor)"
          name="reason"
          id="bulk-cancel-reason"
          rows={2}
          required
          minLength={3}
          maxLength={500}
          defaultValue={failed?.values?.reason}
          errors={failed?.fieldErrors?.reason}
        />
        <div>
          <SubmitButton variant="danger" pendingLabel="Cancelling…">
            Cancel selected appointments
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}

/** The detail page's cancel: the same action as the list, for one appointment. */
export function AdminCancelForm({ appointmentId }: { appointmentId: string }) {
  const [state, formAction] = useActionState<BulkCancelState, FormData>(bulkCancelAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      <input type="hidden" name="appointmentIds" value={appointmentId} />
      <TextAreaField
        label="Reason for cancelling (sent to the patient and the doctor)"
        name="reason"
        id="admin-cancel-reason"
        rows={2}
        required
        minLength={3}
        maxLength={500}
        defaultValue={failed?.values?.reason}
        errors={failed?.fieldErrors?.reason}
      />
      <div>
        <SubmitButton variant="danger" pendingLabel="Cancelling…">
          Cancel this appointment
        </SubmitButton>
      </div>
    </form>
  );
}
