import { cron } from "inngest";
import { getDb } from "@/lib/db";
import { purgeOldEmailBodies, purgeOldSignInRecords } from "@/lib/security/retention";
import { inngest } from "../client";

/**
 * Every day at 03:30 UTC: what the retention settings (/admin/settings) say is
 * kept no longer goes (lib/security/retention.ts): old emails' bodies, idle
 * sign-in throttle rows. Each step can run again harmlessly.
 */
export const purgeExpiredData = inngest.createFunction(
  { id: "purge-expired-data", name: "Retention purge", triggers: [cron("30 3 * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const emailBodies = await step.run("clear-old-email-bodies", () => purgeOldEmailBodies(getDb(), new Date()));
    const signInRecords = await step.run("delete-old-sign-in-records", () => purgeOldSignInRecords(getDb(), new Date()));
    return { emailBodies, signInRecords };
  },
);
