import "server-only";
import type { Db } from "@/db/client";
import { LatePaymentRefundedMessage } from "@/lib/notifications/templates/payment-emails";
import { sendEmail } from "@/lib/notifications/mailer";
import { env } from "@/lib/env";
import { formatAmount, formatWhen } from "@/lib/notifications/templates/email-parts";

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
  const base = env().APP_URL.replace(/\/$/, "");
  const amount = formatAmount(notice.amountMinor, notice.currency);
  return sendEmail(db, {
    to: notice.patientEmail,
    subject: "Your payment is being refunded",
    template: "payment-late-refund",
    body: LatePaymentRefundedMessage({
      name: notice.patientName,
      doctorName: notice.doctorName,
      when: formatWhen(notice.startsAt, notice.patientTimeZone),
      amount,
      url: `${base}/doctors/${notice.doctorId}`,
    }),
    userId: notice.patientId,
    appointmentId: notice.appointmentId,
    idempotencyKey: `late-payment-refund-${notice.paymentId}`,
  });
}
