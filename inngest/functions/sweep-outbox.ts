import { cron } from "inngest";
import { getDb } from "@/db";
import { deliverOutbox } from "@/lib/outbox";
import { inngest } from "../client";

/**
 * Every minute, re-sends what the request-time delivery could not, to the
 * runner in use. Safe next to it and to other servers: rows are claimed with
 * SKIP LOCKED, and the outbox id is the event id, so a duplicate is dropped.
 */
export const sweepOutbox = inngest.createFunction(
  { id: "sweep-outbox", name: "Outbox sweep", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("deliver-pending-outbox", () => deliverOutbox(getDb())),
);
