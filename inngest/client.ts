import { Inngest } from "inngest";
import { logger } from "@/lib/logger";

const SEND_TIMEOUT_MS = 10_000;

/**
 * The one Inngest client. The SDK reads its own variables (INNGEST_EVENT_KEY,
 * INNGEST_SIGNING_KEY, INNGEST_DEV, INNGEST_BASE_URL), which lib/env-schema.ts
 * validates at start-up. Sending is bounded in time, since the outbox
 * dispatcher holds its row locks while a send is in flight.
 */
export const inngest = new Inngest({
  id: "careslot",
  logger: logger.child({ component: "inngest" }),
  fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(SEND_TIMEOUT_MS) }),
});
