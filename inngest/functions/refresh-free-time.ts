import { cron } from "inngest";
import { getDb } from "@/lib/db";
import { refreshFreeTime } from "@/lib/search/free-time";
import { inngest } from "../client";

/**
 * Every minute: recomputes the free-time index rows (lib/search/free-time.ts)
 * that a booking, cancellation or edit made stale, or that time caught up with
 * (a first free slot passing its minimum notice, a payment hold expiring), up to
 * 1,000 a minute. Until then the search treats those doctors as it did before
 * the index (a lower bound, then the engine), so a late run is slower, never wrong.
 */
export const refreshFreeTimeIndex = inngest.createFunction(
  { id: "refresh-free-time", name: "Free-time index", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("recompute-stale-doctors", () => refreshFreeTime(getDb(), { limit: 1000 })),
);
