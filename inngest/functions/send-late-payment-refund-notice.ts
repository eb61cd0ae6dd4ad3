import { getDb } from "@/lib/db";
import { sendLatePaymentRefundNotice as sendLateRefundEmail } from "@/lib/notifications/payments";
import { inngest } from "../client";
import { paymentLateRefundRecorded } from "../events";

/** Tells the patient a payment that came too late is not a booking, and is coming back in full. */
export const sendLatePaymentRefundNotice = inngest.createFunction(
  { id: "send-late-payment-refund-notice", name: "Late payment refund email", triggers: [paymentLateRefundRecorded], idempotency: "event.data.paymentId" },
  async ({ event, step }) => {
    const notice = await step.run("email-late-payment-refund", () => sendLateRefundEmail(getDb(), event.data));
    return { paymentId: event.data.paymentId, notice };
  },
);
