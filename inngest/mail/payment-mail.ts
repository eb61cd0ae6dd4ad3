import { createElement } from "react";
import type { Db } from "@/db/client";
import { getPaymentForReceipt, getRefund, hasSentEmail } from "@/db/queries/notifications";
import { sendEmail } from "@/lib/notifications/mailer";
import { PaymentReceiptEmail, RefundEmail, type ReceiptFacts } from "@/lib/notifications/templates/receipt-emails";
import { formatAmount } from "@/lib/notifications/templates/email-parts";
import { appLink, type MailResult } from "./appointment-mail";

const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

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
  const result = await sendEmail(db, {
    to: payment.patientEmail,
    userId: payment.patientId,
    appointmentId: payment.appointmentId,
    template,
    subject: `Receipt: ${formatAmount(payment.amountMinor, payment.currency)} paid to ${payment.doctorName}`,
    body: createElement(PaymentReceiptEmail, { receipt: receiptFacts(payment, payment.paidAt), paymentsUrl: appLink("/patient/payments") }),
    idempotencyKey: `payment-receipt/${payment.id}`,
  });
  if (result.status === "failed") throw new Error(`payment receipt ${payment.id} failed: ${result.error}`);
  return { outcome: result.status, emailId: result.id };
}

/** The refund notice; one per refund (or per payment and amount when the refund row is not named). */
export async function sendRefundNotice(db: Db, input: { paymentId: string; refundId?: string; amountMinor: number }): Promise<MailResult> {
  const payment = await loadReceipt(db, input.paymentId);
  const refund = input.refundId ? await getRefund(db, input.refundId) : undefined;
  if (refund && refund.status === "failed") return { outcome: "skipped", reason: "refund failed" };
  // A payment that came in after its hold lapsed is refunded with its own explanatory email (lib/payments/notify.ts).
  if (await hasSentEmail(db, { appointmentId: payment.appointmentId, template: "payment-late-refund" })) return { outcome: "skipped", reason: "late-payment refund already explained" };
  const amount = refund?.amountMinor ?? input.amountMinor;
  const result = await sendEmail(db, {
    to: payment.patientEmail,
    userId: payment.patientId,
    appointmentId: payment.appointmentId,
    template: "refund-notice",
    subject: `Refund of ${formatAmount(amount, payment.currency)} on its way`,
    body: createElement(RefundEmail, { receipt: receiptFacts(payment, payment.paidAt ?? payment.startsAt), refundMinor: amount, reason: refund?.reason, paymentsUrl: appLink("/patient/payments") }),
    idempotencyKey: `refund-notice/${input.refundId ?? `${payment.id}/${amount}`}`,
  });
  if (result.status === "failed") throw new Error(`refund notice ${payment.id} failed: ${result.error}`);
  return { outcome: result.status, emailId: result.id };
}
