import { cron } from "inngest";
import { getDb } from "@/lib/db";
import { deliverOutbox } from "@/lib/outbox";
import { retryUnsentRefunds } from "@/lib/payments/refunds";
import { retryUnsentWithdrawalRefunds } from "@/lib/payments/wallet-withdraw";
import { dropExpiredRateLimits } from "@/lib/security/rate-limits";
import { inngest } from "../client";

/**
 * Every minute, sends again what was committed but could not be delivered at
 * request time: refunds Stripe never got (an outage, a server that died
 * mid-send) and wallet withdrawals' refunds likewise, then outbox events to the runner in use (a refund the first step
 * completes announces itself through the outbox, so it goes out in the same
 * sweep). Safe next to request-time delivery and to other servers: refunds are
 * claimed one sender at a time and keyed at Stripe on the refund row; outbox
 * rows are claimed with SKIP LOCKED, and the outbox id is the event id, so a
 * duplicate is dropped. The result is the outbox delivery's. On the way it
 * drops rate-limit counters whose window ended (lib/security/rate-limits.ts).
 */
export const sweepOutbox = inngest.createFunction(
  { id: "sweep-outbox", name: "Outbox sweep", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    await step.run("send-unsent-refunds", () => retryUnsentRefunds(getDb(), new Date()));
    await step.run("send-unsent-withdrawal-refunds", () => retryUnsentWithdrawalRefunds(getDb(), new Date()));
    await step.run("drop-expired-rate-limits", () => dropExpiredRateLimits(getDb(), new Date()));
    return step.run("deliver-pending-outbox", () => deliverOutbox(getDb()));
  },
);
