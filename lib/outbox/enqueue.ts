import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { insertOutboxEvent } from "@/db/queries/outbox";
import type * as events from "@/inngest/events";

// The services' one way to announce a change: an outbox row, written in their
// transaction, whose name is an event inngest/events.ts defines and whose
// payload is what that event's schema takes. A name no function knows, or a
// payload missing a field, does not compile.

type KnownEvent = (typeof events)[keyof typeof events];
export type OutboxEventName = KnownEvent["name"];
export type OutboxEventData<Name extends OutboxEventName> = z.input<Extract<KnownEvent, { name: Name }>["schema"]>;

/** Written in the caller's transaction, so the event exists exactly when its change does. */
export function enqueueOutboxEvent<Name extends OutboxEventName>(
  db: Db,
  name: Name,
  data: OutboxEventData<Name>,
  options: { dedupeKey?: string } = {},
): Promise<string> {
  return insertOutboxEvent(db, name, data, options);
}
