import { formatMoney } from "@/lib/format";
import { formatMonth } from "@/lib/reports/month";
import { DataTable } from "@/components/ui/data-table";

export interface EarningsRow {
  month: string;
  currency: string;
  paidMinor: number;
  refundedMinor: number;
  dueMinor: number;
}

/** Money by month of the visit: received, refunded, what that leaves, and what is still due at the clinic. */
export function EarningsTable({ rows }: { rows: EarningsRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No payments yet.</p>;
  return (
    <DataTable
      caption="Earnings by month"
      columns={[
        { label: "Month" },
        { label: "Paid", align: "right" },
        { label: "Refunded", align: "right" },
        { label: "Net", align: "right" },
        { label: "Due at visit", align: "right" },
      ]}
      bodyClassName="tabular-nums"
    >
      {rows.map((row) => (
        <tr key={`${row.month}-${row.currency}`}>
          <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
            {formatMonth(row.month)}
            {rows.some((other) => other.currency !== row.currency) ? ` (${row.currency})` : ""}
          </th>
          <td className="py-3 pr-4 text-right">{formatMoney(row.paidMinor, row.currency)}</td>
          <td className="py-3 pr-4 text-right">{formatMoney(row.refundedMinor, row.currency)}</td>
          <td className="py-3 pr-4 text-right font-semibold">{formatMoney(row.paidMinor - row.refundedMinor, row.currency)}</td>
          <td className="py-3 text-right">{formatMoney(row.dueMinor, row.currency)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
