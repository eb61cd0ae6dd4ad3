import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { committedRefundTotal, getPaymentDetail, listRefundsOfPayments } from "@/db/queries/payments";
import { Receipt } from "@/components/payments/receipt";
import { RefundForm, RetryRefundForm } from "@/components/payments/refund-form";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatMoney } from "@/lib/format";
import { NEEDS_ATTENTION_TEXT, paymentNeedsAttention } from "@/lib/payments/policy";

export const metadata: Metadata = { title: "Payment" };

export default async function AdminPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const payment = await getPaymentDetail(db, id);
  if (!payment) notFound();
  const [refunds, committed] = await Promise.all([listRefundsOfPayments(db, [payment.id]), committedRefundTotal(db, payment.id)]);
  const left = payment.amountMinor - committed;
  const refundable = (payment.status === "paid" || payment.status === "partially_refunded") && left > 0;
  const unsent = refunds.filter((refund) => refund.status === "pending" && !refund.stripeRefundId && payment.provider === "stripe");
  return (
    <>
      <PageHeading title={`Payment · ${formatMoney(payment.amountMinor, payment.currency)}`} subtitle={`${payment.patientName} → ${payment.doctorName}`} />
      {paymentNeedsAttention(refunds) ? (
        <p role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          {NEEDS_ATTENTION_TEXT} Charged {formatMoney(payment.amountMinor, payment.currency)}; the visit&apos;s price is{" "}
          {formatMoney(payment.visitPriceMinor, payment.visitCurrency)}.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1.3fr_1fr]">
        <Card title="Details">
          <Receipt payment={payment} refunds={refunds} timeZone="UTC" />
          {payment.stripePaymentIntentId ? <p className="mt-4 text-xs text-slate-600">Stripe payment intent: {payment.stripePaymentIntentId}</p> : null}
          <Link href="/admin/payments" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
            All payments
          </Link>
        </Card>
        <Card title="Refund">
          <RefundForm
            paymentId={payment.id}
            patientName={payment.patientName}
            maxLabel={formatMoney(Math.max(left, 0), payment.currency)}
            maxAmount={(Math.max(left, 0) / 100).toFixed(2)}
            currency={payment.currency}
            closed={
              refundable ? undefined : left <= 0 && payment.paidAt ? "This payment has been refunded in full." : "Only a received payment can be refunded."
            }
          />
          {unsent.length > 0 ? (
            <div className="mt-6 flex flex-col gap-3 border-t border-slate-200 pt-4">
              <p className="text-sm text-slate-700">Recorded but not yet sent to Stripe (it could not be reached):</p>
              {unsent.map((refund) => (
                <div key={refund.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span>{formatMoney(refund.amountMinor, payment.currency)}</span>
                  <RetryRefundForm refundId={refund.id} />
                </div>
              ))}
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
