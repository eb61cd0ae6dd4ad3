import { createElement } from "react";
import type { Db } from "@/db/client";
import { getPaymentForReceipt, getRefund } from "@/db/queries/payments";
import { hasSentEmail } from "@/db/queries/emails";
import { absoluteUrl } from "@/lib/env";
import { sendFromJob, type MailResult } from "./mailer";
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
  if (await hasSentEmail(db, { appointmentId: payment.appointmentId, template, toAddress: payment.patientEmail }))
    return { outcome: "skipped", reason: "already sent" };
  return sendFromJob(
    db,
    {
      to: payment.patientEmail,
      userId: payment.patientId,
      appointmentId: payment.appointmentId,
      template,
      kind: "receipts",
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
  // A payment that came in after its hold lapsed is refunded with its own explanatory email (sendLatePaymentRefundNotice).
  if (await hasSentEmail(db, { appointmentId: payment.appointmentId, template: LATE_REFUND_TEMPLATE }))
    return { outcome: "skipped", reason: "late-payment refund already explained" };
  const amount = refund?.amountMinor ?? input.amountMinor;
  return sendFromJob(
    db,
    {
      to: payment.patientEmail,
      userId: payment.patientId,
      appointmentId: payment.appointmentId,
      template: "refund-notice",
      kind: "receipts",
      subject: `Refund of ${formatAmount(amount, payment.currency)} on its way`,
      body: createElement(RefundEmail, {
        receipt: receiptFacts(payment, payment.paidAt ?? payment.startsAt),
        refundMinor: amount,
        reason: refund?.reason,
        paymentsUrl: absoluteUrl("/patient/payments"),
      }),
      idempotencyKey: `refund-notice/${input.refundId ?? `${payment.id}/${amount}`}`,
    },
    `refund notice ${payment.id}`,
  );
}

/**
 * Tells the patient that their payment came in after the held time was given
 * to someone else, so the visit is not booked and the whole amount is being
 * refunded. Once per payment: an earlier email makes a retry a no-op.
 */
export async function sendLatePaymentRefundNotice(db: Db, input: { paymentId: string; amountMinor: number }): Promise<MailResult> {
  const payment = await loadReceipt(db, input.paymentId);
  if (await hasSentEmail(db, { appointmentId: payment.appointmentId, template: LATE_REFUND_TEMPLATE, toAddress: payment.patientEmail }))
    return { outcome: "skipped", reason: "already sent" };
  const amount = formatAmount(input.amountMinor, payment.currency);
  return sendFromJob(
    db,
    {
      to: payment.patientEmail,
      userId: payment.patientId,
      appointmentId: payment.appointmentId,
      template: LATE_REFUND_TEMPLATE,
      kind: "receipts",
      subject: "Your payment is being refunded",
      body: createElement(LatePaymentRefundedMessage, {
        name: payment.patientName,
        doctorName: payment.doctorName,
        when: formatWhen(payment.startsAt, payment.patientTimeZone),
        amount,
        url: absoluteUrl(`/doctors/${payment.doctorId}`),
      }),
      idempotencyKey: `late-payment-refund-${payment.id}`,
    },
    `late-payment refund notice ${payment.id}`,
  );
}
