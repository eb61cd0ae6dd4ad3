import Link from "next/link";
import type { PaymentListItem } from "@/lib/vocabulary";
import { DataTable } from "@/components/ui/data-table";
import { formatDate, formatMoney } from "@/lib/format";
import { NEEDS_ATTENTION_TEXT, paymentNeedsAttention, refundStatusLabels } from "@/lib/payments/policy";
import type { RefundKind, RefundStatus } from "@/lib/vocabulary";
import { PaymentBadge } from "./payment-badge";

export interface RefundLine {
  id: string;
  paymentId: string;
  amountMinor: number;
  kind: RefundKind;
  status: RefundStatus;
  createdAt: Date;
}

interface Props {
  caption: string;
  rows: PaymentListItem[];
  refunds: RefundLine[];
  timeZone: string;
  /** The patient sees the doctor; the admin sees both, and which payments need their attention. */
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
    <DataTable
      caption={caption}
      columns={[
        { label: "Date" },
        show === "both" && { label: "Patient" },
        { label: "Doctor" },
        { label: "Visit" },
        { label: "Amount", align: "right" },
        show === "both" && { label: "From wallet", align: "right" },
        { label: "Status" },
        { label: "Details", hidden: true },
      ]}
    >
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
          {show === "both" ? (
            <td className="py-3 pr-4 text-right tabular-nums">{row.provider === "wallet" ? formatMoney(row.amountMinor, row.currency) : "—"}</td>
          ) : null}
          <td className="py-3 pr-4">
            <PaymentBadge provider={row.provider} status={row.status} />
            {show === "both" && paymentNeedsAttention(refundsOf(row.id)) ? (
              <span className="mt-1 block max-w-xs text-xs font-medium text-amber-900">{NEEDS_ATTENTION_TEXT}</span>
            ) : null}
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
    </DataTable>
  );
}
