import { getDb } from "@/lib/db";
import { sendRefundNotice as sendRefundEmail } from "@/lib/notifications/payments";
import { inngest } from "../client";
import { paymentRefunded } from "../events";

/** Tells the patient money is on its way back. */
export const sendRefundNotice = inngest.createFunction(
  { id: "send-refund-notice", name: "Refund email", triggers: [paymentRefunded] },
  async ({ event, step }) => {
    const notice = await step.run("email-refund-notice", () => sendRefundEmail(getDb(), event.data));
    return { paymentId: event.data.paymentId, notice };
  },
);
