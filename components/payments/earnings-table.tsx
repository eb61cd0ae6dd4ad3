import { formatMoney } from "@/lib/format";

export interface EarningsRow {
  month: string;
  currency: string;
  paidMinor: number;
  refundedMinor: number;
  dueMinor: number;
}

const monthName = (month: string) => new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T12:00:00Z`));

/** Money by month of the visit: received, refunded, what that leaves, and what is still due at the clinic. */
export function EarningsTable({ rows }: { rows: EarningsRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No payments yet.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Earnings by month</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Month
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Paid
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Refunded
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Net
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Due at visit
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {rows.map((row) => (
            <tr key={`${row.month}-${row.currency}`}>
              <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
                {monthName(row.month)}
                {rows.some((other) => other.currency !== row.currency) ? ` (${row.currency})` : ""}
              </th>
              <td className="py-3 pr-4 text-right">{formatMoney(row.paidMinor, row.currency)}</td>
              <td className="py-3 pr-4 text-right">{formatMoney(row.refundedMinor, row.currency)}</td>
              <td className="py-3 pr-4 text-right font-semibold">{formatMoney(row.paidMinor - row.refundedMinor, row.currency)}</td>
              <td className="py-3 text-right">{formatMoney(row.dueMinor, row.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
