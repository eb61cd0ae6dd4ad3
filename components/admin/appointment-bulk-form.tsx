"use client";

import Link from "next/link";
import { useActionState } from "react";
import { bulkCancelAction } from "@/app/admin/appointments/actions";
import type { FormState } from "@/lib/errors";
import { StatusBadge } from "@/components/appointments/status-badge";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Card } from "@/components/ui/card";
import type { AppointmentStatus } from "@/lib/vocabulary";
import { CancelReasonField } from "@/components/appointments/cancel-reason-field";
import { ResultNotice } from "./form-bits";
import { DataTable } from "@/components/ui/data-table";

export type AdminAppointmentItem = {
  id: string;
  when: string;
  doctorName: string;
  patientName: string;
  specialization: string | null;
  status: AppointmentStatus;
  price: string;
  cancellable: boolean;
};

/** The appointment list is one form: tick several, give one reason, cancel them all. */
export function AppointmentBulkForm({ rows }: { rows: AdminAppointmentItem[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(bulkCancelAction, null);
  const failed = state && !state.ok ? state : null;
  if (rows.length === 0) return <p className="text-slate-600">No appointments match these filters.</p>;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <DataTable
        caption="Appointments"
        columns={[
          { label: "Select", hidden: true },
          { label: "When (UTC)" },
          { label: "Doctor" },
          { label: "Patient" },
          { label: "Status" },
          { label: "Price" },
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="py-2 pr-3">
              {row.cancellable ? (
                <input
                  type="checkbox"
                  name="appointmentIds"
                  value={row.id}
                  aria-label={`Select the appointment of ${row.patientName} with ${row.doctorName} on ${row.when}`}
                  className="h-4 w-4"
                />
              ) : null}
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
      </DataTable>
      {failed?.fieldErrors?.appointmentIds ? <p className="text-sm font-medium text-red-700">{failed.fieldErrors.appointmentIds.join(" ")}</p> : null}
      <ResultNotice state={state} />
      <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
        <CancelReasonField
          id="bulk-cancel-reason"
          label="Reason for cancelling the selected appointments (sent to each patient and doctor)"
          rows={2}
          failed={failed}
        />
        <div>
          <ConfirmSubmit
            pendingLabel="Cancelling…"
            skip={(form) => form.getAll("appointmentIds").length === 0}
            confirmLabel={(form) => (form ? countOf(form.getAll("appointmentIds").length) : "Cancel the selected appointments")}
            description="Each is cancelled and refunded in full if paid, and its patient and doctor are emailed the reason."
            echo={[
              { name: "appointmentIds", label: "Appointments selected", count: true },
              { name: "reason", label: "Reason" },
            ]}
          >
            Cancel selected appointments
          </ConfirmSubmit>
        </div>
      </div>
    </form>
  );
}

function countOf(n: number): string {
  return n === 1 ? "Cancel 1 appointment" : `Cancel ${n} appointments`;
}

/**
 * The detail page's cancel: the same action as the list, for one appointment.
 * Once it is cancelled (`open` false) the card stays with its answer only.
 */
export function AdminCancelCard({ appointmentId, summary, open }: { appointmentId: string; summary: string; open: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(bulkCancelAction, null);
  const failed = state && !state.ok ? state : null;
  if (!open) return state ? <ResultNotice state={state} /> : null;
  return (
    <Card title="Cancel this appointment">
      <form action={formAction} className="flex flex-col gap-3">
        <ResultNotice state={state} />
        <input type="hidden" name="appointmentIds" value={appointmentId} />
        <CancelReasonField id="admin-cancel-reason" label="Reason for cancelling (sent to the patient and the doctor)" rows={2} failed={failed} />
        <div>
          <ConfirmSubmit
            pendingLabel="Cancelling…"
            confirmLabel={`Cancel the appointment of ${summary}`}
            description="It is cancelled and refunded in full if paid, and the patient and the doctor are emailed the reason."
            echo={[{ name: "reason", label: "Reason" }]}
          >
            Cancel this appointment
          </ConfirmSubmit>
        </div>
      </form>
    </Card>
  );
}
