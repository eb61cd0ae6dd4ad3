import Link from "next/link";
import { readFigures } from "@/lib/reports/figures";
import { formatMinorAmount, formatRating, formatShare } from "@/lib/reports/format";
import { dateToMonth, formatMonth } from "@/lib/reports/month";
import { formatDateTime, formatTimeZone } from "@/lib/format";

export interface ReportListRow {
  id: string;
  month: string;
  figures: unknown;
  updatedAt: Date;
}

/** One row per month, newest first, with the way to the printable view and the CSV. */
export function ReportList({ rows, basePath, caption, timeZone }: { rows: ReportListRow[]; basePath: string; caption: string; timeZone: string }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {["Month", "Appointments", "Completion rate", "No-show rate", "Net revenue", "Average rating", `Generated (${formatTimeZone(timeZone)})`].map(
              (label) => (
                <th key={label} scope="col" className="py-2 pr-4 font-medium">
                  {label}
                </th>
              ),
            )}
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const month = dateToMonth(row.month);
            const label = formatMonth(month);
            const figures = readFigures(row.figures);
            return (
              <tr key={row.id} className="align-top">
                <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
                  {label}
                </th>
                <td className="py-3 pr-4">{figures?.appointments.total ?? "–"}</td>
                <td className="py-3 pr-4">{figures ? formatShare(figures.rates.completion) : "–"}</td>
                <td className="py-3 pr-4">{figures ? formatShare(figures.rates.noShow) : "–"}</td>
                <td className="py-3 pr-4">
                  {figures?.money.length ? figures.money.map((line) => formatMinorAmount(line.netMinor, line.currency)).join(", ") : "–"}
                </td>
                <td className="py-3 pr-4">{figures ? formatRating(figures.rating.average, figures.rating.count) : "–"}</td>
                <td className="py-3 pr-4 text-slate-600">{formatDateTime(row.updatedAt, timeZone)}</td>
                <td className="py-3">
                  <span className="flex flex-wrap gap-3">
                    <Link href={`${basePath}/${month}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      View<span className="sr-only"> report for {label}</span>
                    </Link>
                    <a href={`${basePath}/${month}/csv`} download className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      CSV<span className="sr-only"> download for {label}</span>
                    </a>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
