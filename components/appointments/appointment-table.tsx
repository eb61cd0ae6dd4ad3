import Link from "next/link";
import type { ReactNode } from "react";
import type { AppointmentListItem } from "@/lib/vocabulary";
import { DataTable } from "@/components/ui/data-table";
import { formatDate, formatTime } from "@/lib/format";
import { AppointmentStatus } from "./status-badge";

interface AppointmentTableProps {
  caption: string;
  rows: AppointmentListItem[];
  timeZone: string;
  /** Whose name the "with" column shows. */
  counterpart: "doctor" | "patient";
  /** The page of an appointment, by id (also the link to where a rescheduled visit went). */
  detailHref?: (appointmentId: string) => string;
  actions?: (row: AppointmentListItem) => ReactNode;
  empty: string;
}

/** One list shape for both portals: who, date, time, status (a moved visit: "Rescheduled to <new time>"), then what may be done. */
export function AppointmentTable({ caption, rows, timeZone, counterpart, detailHref, actions, empty }: AppointmentTableProps) {
  if (rows.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: counterpart === "doctor" ? "Doctor" : "Patient" },
        { label: "Date" },
        { label: "Time" },
        { label: "Status" },
        actions && { label: "Actions", hidden: true },
      ]}
    >
      {rows.map((row) => {
        const name = counterpart === "doctor" ? row.doctorName : row.patientName;
        return (
          <tr key={row.id} className="align-top">
            <td className="py-3 pr-4 font-medium text-slate-900">
              {detailHref ? (
                <Link href={detailHref(row.id)} className="text-brand-700 underline-offset-2 hover:underline">
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
              <AppointmentStatus status={row.status} moved={row} timeZone={timeZone} hrefOf={detailHref} />
            </td>
            {actions ? <td className="py-3">{actions(row)}</td> : null}
          </tr>
        );
      })}
    </DataTable>
  );
}
