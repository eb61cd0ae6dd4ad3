import type { PaymentListItem, Refund } from "@/lib/vocabulary";
import { formatDateTime, formatMoney } from "@/lib/format";
import { paymentLabel, paymentMethodLabels, refundStatusLabels } from "@/lib/payments/policy";
import { DateTimeInZone } from "@/components/ui/zone-name";

/** A receipt: what was paid, to whom, for which visit, and every refund since. Printable as it is. */
export function Receipt({ payment, refunds, timeZone }: { payment: PaymentListItem; refunds: Refund[]; timeZone: string }) {
  const net = payment.amountMinor - payment.refundedMinor;
  return (
    <div className="flex flex-col gap-4 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="text-slate-600">Receipt number</dt>
        <dd className="font-mono text-xs">{payment.id}</dd>
        <dt className="text-slate-600">Patient</dt>
        <dd>{payment.patientName}</dd>
        <dt className="text-slate-600">Doctor</dt>
        <dd>{payment.doctorName}</dd>
        <dt className="text-slate-600">Visit</dt>
        <dd>
          <DateTimeInZone instant={payment.appointmentStartsAt} timeZone={timeZone} />
        </dd>
        <dt className="text-slate-600">Method</dt>
        <dd>{paymentMethodLabels[payment.provider]}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>{paymentLabel(payment.provider, payment.status)}</dd>
        <dt className="text-slate-600">Amount</dt>
        <dd className="font-semibold">{formatMoney(payment.amountMinor, payment.currency)}</dd>
        <dt className="text-slate-600">Paid on</dt>
        <dd>{payment.paidAt ? formatDateTime(payment.paidAt, timeZone) : "Not paid"}</dd>
        {payment.refundedMinor > 0 ? (
          <>
            <dt className="text-slate-600">Refunded</dt>
            <dd>{formatMoney(payment.refundedMinor, payment.currency)}</dd>
            <dt className="text-slate-600">Net paid</dt>
            <dd className="font-semibold">{formatMoney(net, payment.currency)}</dd>
          </>
        ) : null}
      </dl>
      {refunds.length > 0 ? (
        <div>
          <h2 className="mb-2 text-base font-semibold text-slate-900">Refunds</h2>
          <ul className="flex flex-col gap-2">
            {refunds.map((refund) => (
              <li key={refund.id} className="rounded-md border border-slate-200 px-3 py-2">
                <p>
                  <span className="font-medium">{formatMoney(refund.amountMinor, payment.currency)}</span> · {refundStatusLabels[refund.status]} ·{" "}
                  {formatDateTime(refund.createdAt, timeZone)}
                </p>
                <p className="text-slate-700">{refund.reason}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
