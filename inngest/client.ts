import { Inngest, Middleware, type SendEventBaseOutput } from "inngest";
import { getDb } from "@/lib/db";
import { insertOutboxEvent } from "@/db/queries/outbox";
import { env } from "@/lib/env";
import { parseEnv } from "@/lib/env-schema";
import { jobRunnerFor } from "@/lib/jobs/engine";
import { logger } from "@/lib/logger";

const SEND_TIMEOUT_MS = 10_000;

const localRunner = () => jobRunnerFor(env()) === "local";

/**
 * Under the local runner there is no Inngest to send to: what a function
 * sends (step.sendEvent) is written to the outbox instead, with an id derived
 * from the event's own id so a retried step writes it once, and reaches the
 * runner like every other domain event.
 */
class LocalEventSink extends Middleware.BaseMiddleware {
  readonly id = "careslot:local-event-sink";

  async wrapSendEvent({ next, events }: Middleware.WrapSendEventArgs): Promise<SendEventBaseOutput> {
    if (!localRunner()) return next();
    const db = getDb();
    const ids: string[] = [];
    for (const event of events) ids.push(await insertOutboxEvent(db, event.name, { ...(event.data ?? {}) }, { dedupeKey: event.id }));
    return { ids };
  }
}

/**
 * Read without caching the configuration: tests point variables elsewhere
 * after loading this module, and `next build` loads it with no app
 * environment at all (the server that runs it has one).
 */
function localRunnerAtStartup(): boolean {
  try {
    return jobRunnerFor(parseEnv(process.env)) === "local";
  } catch {
    return false;
  }
}

/**
 * The one Inngest client. The SDK reads its own variables (INNGEST_EVENT_KEY,
 * INNGEST_SIGNING_KEY, INNGEST_DEV, INNGEST_BASE_URL), which lib/env-schema.ts
 * validates at start-up. Sending is bounded in time, since the outbox
 * dispatcher holds its row locks while a send is in flight.
 */
export const inngest = new Inngest({
  id: "careslot",
  logger: logger.child({ component: "inngest" }),
  middleware: [LocalEventSink],
  // The SDK refuses to send without a key before any middleware runs; the local sink needs none.
  ...(localRunnerAtStartup() ? { eventKey: "local-runner" } : {}),
  fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(SEND_TIMEOUT_MS) }),
});
