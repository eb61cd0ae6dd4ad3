import { readFigures } from "@/lib/reports/figures";
import { formatMinorAmount, formatRating, formatShare } from "@/lib/reports/format";
import { ZoneName } from "@/components/ui/zone-name";

export interface DoctorReportRow {
  id: string;
  doctorId: string | null;
  doctorName: string | null;
  figures: unknown;
}

/** The admin's month at a glance: one line per doctor, in that doctor's zone. */
export function DoctorReportsTable({ rows }: { rows: DoctorReportRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No doctor reports for this month.</p>;
  const headings = [
    "Doctor",
    "Time zone",
    "Appointments",
    "Completed",
    "No-shows",
    "Cancelled",
    "Completion rate",
    "No-show rate",
    "Net revenue",
    "Average rating",
    "Busiest weekdays",
  ];
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Reports per doctor">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Reports per doctor</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {headings.map((label) => (
              <th key={label} scope="col" className="py-2 pr-4 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const figures = readFigures(row.figures);
            return (
              <tr key={row.id} className="align-top">
                <th scope="row" className="whitespace-nowrap py-2 pr-4 font-medium text-slate-900">
                  {row.doctorName ?? "Former doctor"}
                </th>
                {figures ? (
                  <>
                    <td className="whitespace-nowrap py-2 pr-4">
                      <ZoneName timeZone={figures.timeZone} />
                    </td>
                    <td className="py-2 pr-4">{figures.appointments.total}</td>
                    <td className="py-2 pr-4">{figures.appointments.completed}</td>
                    <td className="py-2 pr-4">{figures.appointments.noShow}</td>
                    <td className="py-2 pr-4">{figures.appointments.cancelled}</td>
                    <td className="py-2 pr-4">{formatShare(figures.rates.completion)}</td>
                    <td className="py-2 pr-4">{formatShare(figures.rates.noShow)}</td>
                    <td className="py-2 pr-4">
                      {figures.money.length ? figures.money.map((line) => formatMinorAmount(line.netMinor, line.currency)).join(", ") : "–"}
                    </td>
                    <td className="py-2 pr-4">{formatRating(figures.rating.average, figures.rating.count)}</td>
                    <td className="py-2 pr-4">{figures.busiestWeekdays.join(", ") || "–"}</td>
                  </>
                ) : (
                  <td colSpan={headings.length - 1} className="py-2 pr-4 text-slate-600">
                    This report was written by an older version; generate the month again.
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
