import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { formatDateTime, formatMoney, formatTime } from "@/lib/format";
import { appointmentPaymentState, paymentMethodLabels, refundStatusLabels } from "@/lib/payments/policy";
import type { ActorRole, AppointmentStatus, PaymentProvider, PaymentStatus, RefundStatus } from "@/lib/vocabulary";
import { ContinuePaymentLink } from "./continue-payment-link";
import { PaymentBadge } from "./payment-badge";
import { PaymentStatusRefresher } from "./payment-status-refresher";
import { Fact, Facts } from "@/components/ui/facts";
import { ZoneName } from "@/components/ui/zone-name";

interface PaymentView {
  holdExpiresAt: Date | null;
  cancelledBy: ActorRole | null;
  payment?: { id: string; provider: PaymentProvider; status: PaymentStatus; amountMinor: number; refundedMinor: number; currency: string; paidAt: Date | null };
  refunds: { id: string; amountMinor: number; status: RefundStatus; reason: string; createdAt: Date }[];
}

interface Props {
  appointment: { id: string; status: AppointmentStatus; priceMinor: number; currency: string };
  view: PaymentView;
  timeZone: string;
  /** `?checkout=` after Stripe sends the patient back: success, cancelled, or error (we could not reach Stripe). */
  checkout: string | undefined;
  now: Date;
}

/** The payment side of an appointment: what was paid, what is waited for, what was refunded. */
export function AppointmentPaymentCard({ appointment, view, timeZone, checkout, now }: Props) {
  const { payment } = view;
  const state = appointmentPaymentState({ appointmentStatus: appointment.status, cancelledBy: view.cancelledBy, payment });
  const holding = appointment.status === "pending_payment" && view.holdExpiresAt !== null && view.holdExpiresAt > now;
  return (
    <Card title="Payment">
      <div className="flex flex-col gap-3 text-sm">
        {state ? (
          <Notice tone={state.tone}>
            <strong className="font-semibold">{state.title}</strong>
          </Notice>
        ) : (
          <p className="text-slate-700">{appointment.priceMinor === 0 ? "This visit is free of charge." : "No payment is recorded for this visit."}</p>
        )}
        {appointment.status === "pending_payment" && checkout === "success" ? (
          <>
            <p className="text-slate-700">Thank you. Stripe is confirming your payment; this page updates by itself, or reload it in a moment.</p>
            <PaymentStatusRefresher />
          </>
        ) : null}
        {holding && checkout !== "success" ? (
          <>
            <p className="text-slate-700">
              {checkout === "error"
                ? "We could not reach the payment provider. Your time is still held for you: please try again."
                : checkout === "cancelled"
                  ? "You left the payment page before paying. Nothing was charged."
                  : "Your booking is confirmed once the payment is received."}{" "}
              We hold this time for you until {formatTime(view.holdExpiresAt!, timeZone)} <ZoneName timeZone={timeZone} at={view.holdExpiresAt!} />; after that
              it is released.
            </p>
            <ContinuePaymentLink appointmentId={appointment.id} />
          </>
        ) : null}
        {payment ? (
          <Facts>
            <Fact label="Amount">{formatMoney(payment.amountMinor, payment.currency)}</Fact>
            <Fact label="Method">{paymentMethodLabels[payment.provider]}</Fact>
            <Fact label="Payment status">
              <PaymentBadge provider={payment.provider} status={payment.status} />
            </Fact>
            {payment.paidAt ? <Fact label="Paid">{formatDateTime(payment.paidAt, timeZone)}</Fact> : null}
          </Facts>
        ) : null}
        {view.refunds.length > 0 ? (
          <div>
            <h3 className="mb-1 font-semibold text-slate-900">Refunds</h3>
            <ul className="flex flex-col gap-2">
              {view.refunds.map((refund) => (
                <li key={refund.id} className="rounded-md border border-slate-200 px-3 py-2">
                  <span className="font-medium">{formatMoney(refund.amountMinor, payment?.currency ?? appointment.currency)}</span> ·{" "}
                  {refundStatusLabels[refund.status]} · <span className="text-slate-600">{formatDateTime(refund.createdAt, timeZone)}</span>
                  <p className="text-slate-700">{refund.reason}</p>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {payment?.paidAt ? (
          <Link href={`/patient/payments/${payment.id}`} className="text-sm font-medium text-brand-700 underline">
            Receipt and payment details
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
