import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import { ActionLinks, DetailList, formatAmount, formatWhen, paragraphStyle } from "./email-parts";

// Payment emails. Amounts are written with their currency, times in the
// patient's own zone; nothing here claims a card was charged unless Stripe
// said so.

/** What a receipt states, all of it already decided by the payment row. */
export interface ReceiptFacts {
  paymentId: string;
  patientName: string;
  doctorName: string;
  amountMinor: number;
  currency: string;
  paidAt: Date;
  startsAt: Date;
  /** The patient's zone: every time in the email is written in it. */
  timeZone: string;
}

function receiptItems(receipt: ReceiptFacts) {
  return [
    { label: "Amount", value: formatAmount(receipt.amountMinor, receipt.currency) },
    { label: "Paid on", value: formatWhen(receipt.paidAt, receipt.timeZone) },
    { label: "Visit", value: `${receipt.doctorName}, ${formatWhen(receipt.startsAt, receipt.timeZone)}` },
    { label: "Receipt number", value: receipt.paymentId },
  ];
}

export function PaymentReceiptEmail({ receipt, paymentsUrl }: { receipt: ReceiptFacts; paymentsUrl: string }) {
  return (
    <EmailLayout preview={`Receipt for ${formatAmount(receipt.amountMinor, receipt.currency)}`} heading="Payment received">
      <Text style={paragraphStyle}>Hello {receipt.patientName},</Text>
      <Text style={paragraphStyle}>Thank you: we received your payment, and your visit with {receipt.doctorName} is confirmed.</Text>
      <DetailList items={receiptItems(receipt)} />
      <ActionLinks links={[{ label: "Your payments and receipts", href: paymentsUrl }]} />
    </EmailLayout>
  );
}

export function RefundEmail({ receipt, refundMinor, reason, paymentsUrl }: { receipt: ReceiptFacts; refundMinor: number; reason?: string | null; paymentsUrl: string }) {
  const amount = formatAmount(refundMinor, receipt.currency);
  return (
    <EmailLayout preview={`Refund of ${amount} on its way`} heading="Your refund is on its way">
      <Text style={paragraphStyle}>Hello {receipt.patientName},</Text>
      <Text style={paragraphStyle}>
        We are refunding {amount} of your payment for the visit with {receipt.doctorName}. Depending on your bank it can take 5–10 days to appear.
      </Text>
      {reason ? <Text style={paragraphStyle}>{reason}</Text> : null}
      <DetailList items={[{ label: "Refund", value: amount }, ...receiptItems(receipt)]} />
      <ActionLinks links={[{ label: "Your payments and receipts", href: paymentsUrl }]} />
    </EmailLayout>
  );
}

/**
 * A payment arrived after the held time had been given to someone else: the
 * patient is told plainly that the visit is not booked and the money is on
 * its way back.
 */
export function LatePaymentRefundedMessage({ name, doctorName, when, amount, url }: { name: string; doctorName: string; when: string; amount: string; url: string }) {
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
