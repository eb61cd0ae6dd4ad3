import Link from "next/link";
import type { PaymentListItem } from "@/db/queries/payment-reads";
import { formatDate, formatMoney } from "@/lib/format";
import { refundStatusLabels, type RefundStatus } from "@/lib/payments/policy";
import { PaymentBadge } from "./payment-badge";

export interface RefundLine {
  id: string;
  paymentId: string;
  amountMinor: number;
  status: RefundStatus;
  createdAt: Date;
}

interface Props {
  caption: string;
  rows: PaymentListItem[];
  refunds: RefundLine[];
  timeZone: string;
  /** The patient sees the doctor; the admin sees both. */
  show: "doctor" | "both";
  detailHref: (row: PaymentListItem) => string;
  detailLabel: string;
  empty: string;
}

/** Payments with their refunds beneath them: date, who, amount, status, and a link to the detail. */
export function PaymentTable({ caption, rows, refunds, timeZone, show, detailHref, detailLabel, empty }: Props) {
  if (rows.length === 0) return <p className="text-slate-600">{empty}</p>;
  const refundsOf = (paymentId: string) => refunds.filter((refund) => refund.paymentId === paymentId);
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Date
            </th>
            {show === "both" ? (
              <th scope="col" className="py-2 pr-4 font-medium">
                Patient
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4 font-medium">
              Doctor
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Visit
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="py-3 pr-4 whitespace-nowrap">{formatDate(row.paidAt ?? row.createdAt, timeZone)}</td>
              {show === "both" ? <td className="py-3 pr-4">{row.patientName}</td> : null}
              <td className="py-3 pr-4 font-medium text-slate-900">{row.doctorName}</td>
              <td className="py-3 pr-4 whitespace-nowrap">{formatDate(row.appointmentStartsAt, timeZone)}</td>
              <td className="py-3 pr-4 text-right tabular-nums">
                {formatMoney(row.amountMinor, row.currency)}
                {refundsOf(row.id).map((refund) => (
                  <span key={refund.id} className="block text-xs text-violet-900">
                    −{formatMoney(refund.amountMinor, row.currency)} {refundStatusLabels[refund.status].toLowerCase()}, {formatDate(refund.createdAt, timeZone)}
                  </span>
                ))}
              </td>
              <td className="py-3 pr-4">
                <PaymentBadge provider={row.provider} status={row.status} />
              </td>
              <td className="py-3">
                <Link href={detailHref(row)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {detailLabel}
                  <span className="sr-only">
                    {" "}
                    for {formatMoney(row.amountMinor, row.currency)} to {row.doctorName}, {formatDate(row.appointmentStartsAt, timeZone)}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
