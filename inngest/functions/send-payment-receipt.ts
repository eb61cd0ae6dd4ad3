import { getDb } from "@/lib/db";
import { sendPaymentReceipt as sendReceiptEmail } from "@/lib/notifications/payments";
import { inngest } from "../client";
import { paymentPaid } from "../events";

/** Emails the patient a receipt once a payment has completed. */
export const sendPaymentReceipt = inngest.createFunction(
  { id: "send-payment-receipt", name: "Payment receipt email", triggers: [paymentPaid], idempotency: "event.data.paymentId" },
  async ({ event, step }) => {
    const receipt = await step.run("email-payment-receipt", () => sendReceiptEmail(getDb(), event.data.paymentId));
    return { paymentId: event.data.paymentId, receipt };
  },
);
