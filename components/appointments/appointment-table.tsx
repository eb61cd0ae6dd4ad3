import Link from "next/link";
import type { ReactNode } from "react";
import type { AppointmentListItem } from "@/db/queries/appointment-reads";
import { formatDate, formatTime } from "@/lib/format";
import { StatusBadge } from "./status-badge";

interface AppointmentTableProps {
  caption: string;
  rows: AppointmentListItem[];
  timeZone: string;
  /** Whose name the "with" column shows. */
  counterpart: "doctor" | "patient";
  detailHref?: (row: AppointmentListItem) => string;
  actions?: (row: AppointmentListItem) => ReactNode;
  empty: string;
}

/** One list shape for both portals: who, date, time, status, then what may be done. */
export function AppointmentTable({ caption, rows, timeZone, counterpart, detailHref, actions, empty }: AppointmentTableProps) {
  if (rows.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              {counterpart === "doctor" ? "Doctor" : "Patient"}
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Date
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Time ({timeZone})
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            {actions ? (
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const name = counterpart === "doctor" ? row.doctorName : row.patientName;
            return (
              <tr key={row.id} className="align-top">
                <td className="py-3 pr-4 font-medium text-slate-900">
                  {detailHref ? (
                    <Link href={detailHref(row)} className="text-brand-700 underline-offset-2 hover:underline">
                      {name}
                    </Link>
                  ) : (
                    name
                  )}
                </td>
                <td className="py-3 pr-4">{formatDate(row.startsAt, timeZone)}</td>
                <td className="py-3 pr-4 tabular-nums">
                  {formatTime(row.startsAt, timeZone)}–{formatTime(row.endsAt, timeZone)}
                </td>
                <td className="py-3 pr-4">
                  <StatusBadge status={row.status} />
                </td>
                {actions ? <td className="py-3">{actions(row)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
