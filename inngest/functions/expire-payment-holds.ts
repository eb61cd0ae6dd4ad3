import { cron } from "inngest";
import { getDb } from "@/db";
import { releaseLapsedHolds } from "@/lib/payments/holds";
import { inngest } from "../client";
import { holdsReleaseRequested } from "../events";

/**
 * A booking held for payment (pending_payment) keeps its slot only until
 * hold_expires_at. Holds create no event (a hold is not a booking yet), so
 * this sweeps every minute: releaseLapsedHolds cancels each lapsed hold with a
 * compare-and-set under the row lock, so a payment the webhook confirmed in
 * the meantime wins, expires its unpaid payment and closes the Checkout
 * Session. Bookings never wait for it: they release holds in their way.
 */
export const expirePaymentHolds = inngest.createFunction(
  { id: "expire-payment-holds", name: "Release lapsed payment holds", triggers: [cron("* * * * *"), holdsReleaseRequested], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const doctorId = event.name === holdsReleaseRequested.name ? (event.data as { doctorId?: string }).doctorId : undefined;
    const released = await step.run("release-lapsed-holds", () => releaseLapsedHolds(getDb(), new Date(), doctorId ? { doctorId } : {}));
    return { released };
  },
);
