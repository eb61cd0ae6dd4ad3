import { createElement } from "react";
import type { Db } from "@/db/client";
import { getPaymentForReceipt, getRefund, hasSentEmail } from "@/db/queries/notifications";
import { absoluteUrl } from "@/lib/env";
import { sendEmail, sendFromJob, type MailResult } from "./mailer";
import { LatePaymentRefundedMessage, PaymentReceiptEmail, RefundEmail, type ReceiptFacts } from "./templates/receipt-emails";
import { formatAmount, formatWhen } from "./templates/email-parts";

const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);
const LATE_REFUND_TEMPLATE = "payment-late-refund";

async function loadReceipt(db: Db, paymentId: string) {
  const payment = await getPaymentForReceipt(db, paymentId);
  if (!payment) throw new Error(`payment ${paymentId} not found`);
  return payment;
}

function receiptFacts(payment: Awaited<ReturnType<typeof loadReceipt>>, paidAt: Date): ReceiptFacts {
  return {
    paymentId: payment.id,
    patientName: payment.patientName,
    doctorName: payment.doctorName,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    paidAt,
    startsAt: payment.startsAt,
    timeZone: payment.patientTimeZone,
  };
}

/** The receipt for a completed payment; nothing for one that was not taken. */
export async function sendPaymentReceipt(db: Db, paymentId: string): Promise<MailResult> {
  const payment = await loadReceipt(db, paymentId);
  if (!PAID_STATUSES.has(payment.status) || !payment.paidAt) return { outcome: "skipped", reason: `payment is ${payment.status}` };
  const template = "payment-receipt";
  if (await hasSentEmail(db, { appointmentId: payment.appointmentId, template, toAddress: payment.patientEmail })) return { outcome: "skipped", reason: "already sent" };
  return sendFromJob(
    db,
    {
      to: payment.patientEmail,
      userId: payment.patientId,
      appointmentId: payment.appointmentId,
      template,
      subject: `Receipt: ${formatAmount(payment.amountMinor, payment.currency)} paid to ${payment.doctorName}`,
      body: createElement(PaymentReceiptEmail, { receipt: receiptFacts(payment, payment.paidAt), paymentsUrl: absoluteUrl("/patient/payments") }),
      idempotencyKey: `payment-receipt/${payment.id}`,
    },
    `payment receipt ${payment.id}`,
  );
}

/** The refund notice; one per refund (or per payment and amount when the refund row is not named). */
export async function sendRefundNotice(db: Db, input: { paymentId: string; refundId?: string; amountMinor: number }): Promise<MailResult> {
  const payment = await loadReceipt(db, input.paymentId);
  const refund = input.refundId ? await getRefund(db, input.refundId) : undefined;
  if (refund && refund.status === "failed") return { outcome: "skipped", reason: "refund failed" };
  // A payment that came in after its hold lapsed is refunded with its own explanatory email (sendLatePaymentRefundEmail).
  if (await hasSentEmail(db, { appointmentId: payment.appointmentId, template: LATE_REFUND_TEMPLATE })) return { outcome: "skipped", reason: "late-payment refund already explained" };
  const amount = refund?.amountMinor ?? input.amountMinor;
  return sendFromJob(
    db,
    {
      to: payment.patientEmail,
      userId: payment.patientId,
      appointmentId: payment.appointmentId,
      template: "refund-notice",
      subject: `Refund of ${formatAmount(amount, payment.currency)} on its way`,
      body: createElement(RefundEmail, { receipt: receiptFacts(payment, payment.paidAt ?? payment.startsAt), refundMinor: amount, reason: refund?.reason, paymentsUrl: absoluteUrl("/patient/payments") }),
      idempotencyKey: `refund-notice/${input.refundId ?? `${payment.id}/${amount}`}`,
    },
    `refund notice ${payment.id}`,
  );
}

export interface LateRefundNotice {
  paymentId: string;
  appointmentId: string;
  patientId: string;
  patientName: string;
  patientEmail: string;
  patientTimeZone: string;
  doctorId: string;
  doctorName: string;
  startsAt: Date;
  amountMinor: number;
  currency: string;
}

/** Tells the patient their late payment is refunded; keyed on the payment, so a retry sends it once. */
export async function sendLatePaymentRefundEmail(db: Db, notice: LateRefundNotice) {
  const amount = formatAmount(notice.amountMinor, notice.currency);
  return sendEmail(db, {
    to: notice.patientEmail,
    subject: "Your payment is being refunded",
    template: LATE_REFUND_TEMPLATE,
    body: createElement(LatePaymentRefundedMessage, {
      name: notice.patientName,
      doctorName: notice.doctorName,
      when: formatWhen(notice.startsAt, notice.patientTimeZone),
      amount,
      url: absoluteUrl(`/doctors/${notice.doctorId}`),
    }),
    userId: notice.patientId,
    appointmentId: notice.appointmentId,
    idempotencyKey: `late-payment-refund-${notice.paymentId}`,
  });
}
