import { cron } from "inngest";
import { getDb } from "@/db";
import { deliverPendingOutbox, sendToInngest } from "@/lib/outbox";
import { inngest } from "../client";

/**
 * Every minute, re-sends what the request-time delivery could not. Safe next
 * to it and to other servers: rows are claimed with SKIP LOCKED, and the
 * outbox id is the event id, so Inngest drops a duplicate.
 */
export const sweepOutbox = inngest.createFunction(
  { id: "sweep-outbox", name: "Outbox sweep", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("deliver-pending-outbox", () => deliverPendingOutbox(getDb(), sendToInngest)),
);
