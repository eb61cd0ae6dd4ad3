import type { Env } from "@/lib/env-schema";

export type JobRunnerName = "inngest" | "local";

/** What a job runner receives for an outbox row: the row id is the event id, so a re-sent event is de-duplicated there. */
export interface OutboxEventMessage {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

/** Hands events to the job runner (Inngest, or the local runner's queue). */
export type SendEvents = (events: OutboxEventMessage[]) => Promise<unknown>;

/**
 * The engine that runs the Inngest functions, picked once from the
 * configuration: Inngest (cloud, self-hosted or the dev server) when any
 * INNGEST_* variable says where it is, otherwise the local runner inside the
 * app server on the app's own PostgreSQL. JOB_RUNNER overrides the guess.
 */
export function jobRunnerFor(
  config: Pick<Env, "JOB_RUNNER" | "INNGEST_EVENT_KEY" | "INNGEST_SIGNING_KEY" | "INNGEST_DEV" | "INNGEST_BASE_URL">,
): JobRunnerName {
  if (config.JOB_RUNNER) return config.JOB_RUNNER;
  return config.INNGEST_EVENT_KEY || config.INNGEST_SIGNING_KEY || config.INNGEST_DEV || config.INNGEST_BASE_URL ? "inngest" : "local";
}

export const JOB_RUNNER_LABELS: Record<JobRunnerName, { name: string; where: string }> = {
  inngest: { name: "Inngest", where: "Events are sent to Inngest, which runs the jobs" },
  local: { name: "Local runner", where: "Inside this app server, on its PostgreSQL" },
};
