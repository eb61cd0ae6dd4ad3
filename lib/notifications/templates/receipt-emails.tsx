import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { ActionLinks, DetailList, formatAmount, formatWhen, paragraphStyle } from "./email-parts";

export interface ReceiptFacts {
  paymentId: string;
  patientName: string;
  doctorName: string;
  amountMinor: number;
  currency: string;
  paidAt: Date;
  startsAt: Date;
  /** The patient's zone. */
  timeZone: string;
}

export function PaymentReceiptEmail({ receipt, paymentsUrl }: { receipt: ReceiptFacts; paymentsUrl: string }) {
  return (
    <EmailLayout preview={`Receipt: ${formatAmount(receipt.amountMinor, receipt.currency)} paid`} heading="Payment received">
      <Text style={paragraphStyle}>Hello {receipt.patientName},</Text>
      <Text style={paragraphStyle}>Thank you. We received your payment for the appointment below. Keep this email as your receipt.</Text>
      <DetailList
        items={[
          { label: "Amount paid", value: formatAmount(receipt.amountMinor, receipt.currency) },
          { label: "Paid on", value: formatWhen(receipt.paidAt, receipt.timeZone) },
          { label: "Appointment", value: `${receipt.doctorName}, ${formatWhen(receipt.startsAt, receipt.timeZone)}` },
          { label: "Receipt number", value: receipt.paymentId },
        ]}
      />
      <ActionLinks links={[{ label: "Your payments", href: paymentsUrl }]} />
    </EmailLayout>
  );
}

export function RefundEmail({
  receipt,
  refundMinor,
  reason,
  paymentsUrl,
}: {
  receipt: ReceiptFacts;
  refundMinor: number;
  reason?: string | null;
  paymentsUrl: string;
}) {
  return (
    <EmailLayout preview={`Refund of ${formatAmount(refundMinor, receipt.currency)}`} heading="Your refund is on its way">
      <Text style={paragraphStyle}>Hello {receipt.patientName},</Text>
      <Text style={paragraphStyle}>
        We refunded {formatAmount(refundMinor, receipt.currency)} to the card you paid with. Banks usually show it within 5 to 10 working days.
      </Text>
      <DetailList
        items={[
          { label: "Refunded", value: formatAmount(refundMinor, receipt.currency) },
          { label: "Original payment", value: `${formatAmount(receipt.amountMinor, receipt.currency)}, receipt ${receipt.paymentId}` },
          { label: "Appointment", value: `${receipt.doctorName}, ${formatWhen(receipt.startsAt, receipt.timeZone)}` },
          ...(reason ? [{ label: "Why", value: reason }] : []),
        ]}
      />
      <ActionLinks links={[{ label: "Your payments", href: paymentsUrl }]} />
    </EmailLayout>
  );
}

/**
 * A payment arrived after the held time had been given to someone else: the
 * patient is told plainly that the visit is not booked and the money is on
 * its way back.
 */
export function LatePaymentRefundedMessage({
  name,
  doctorName,
  when,
  amount,
  url,
}: {
  name: string;
  doctorName: string;
  when: string;
  amount: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`Your payment of ${amount} is being refunded`} heading="Your payment is being refunded">
      <Text style={paragraphStyle}>Hello {name},</Text>
      <Text style={paragraphStyle}>
        Your payment of {amount} for the visit with {doctorName} on {when} reached us after the time we held for you had run out, and the slot had already been
        booked by someone else. The visit is therefore not booked.
      </Text>
      <Text style={paragraphStyle}>We are refunding the full {amount} to the card you paid with. Depending on your bank it can take 5–10 days to appear.</Text>
      <ActionLinks links={[{ label: "Choose another time", href: url }]} />
    </EmailLayout>
  );
}
