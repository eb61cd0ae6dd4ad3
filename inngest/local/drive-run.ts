// One wake-up of a run: replay the function over its stored steps, store each
// step that finishes (so it never runs again), and stop at a sleep, a retry
// or the end. This is what Inngest's executor does between HTTP calls.
import { durationToMs } from "inngest";
import { StepOpCode } from "inngest/types";
import type { StoredStep } from "@/db/schema";
import { finishJobRun, getJobRun, putJobRunToSleep, recordJobSleeps, saveJobStep, scheduleJobRetry, startJobRun } from "@/db/queries/job-runs";
import { queueRunWakeUps } from "@/lib/jobs/queue";
import { safeErrorMessage } from "@/lib/logged-error";
import { logger } from "@/lib/logger";
import { executeFunction, maxAttemptsOf, type ExecutionOutcome, type FoundStep, type RunState } from "./execute";
import type { RunnerContext } from "./fan-out";

export interface DriveOptions {
  /** First retry delay; doubled each attempt (with jitter), as Inngest backs off. */
  retryBaseMs: number;
  /** A run left "running" this long by a dead server is taken over. */
  staleRunMs: number;
}

export type DriveResult = "completed" | "failed" | "sleeping" | "retrying" | "skipped" | "continued";

// Steps run in one wake-up before the rest is handed to a fresh job, so no job outlives its expiry.
const STEPS_PER_WAKE_UP = 50;
// A sleep this close is waited for in place: queueing a wake-up for it could fire before the run is stored as asleep.
const INLINE_SLEEP_MS = 1_000;

/**
 * `wakeUpId` is the queue job that woke the run: the wake-ups it queues are
 * named after it, so the same job run twice (its server died) queues each once,
 * while a run started again later (Retry now) gets wake-ups of its own.
 */
export async function driveRun(context: RunnerContext, runId: string, options: DriveOptions, wakeUpId: string): Promise<DriveResult> {
  const { db } = context;
  const now = context.now();
  const run = await startJobRun(db, runId, now, new Date(now.getTime() - options.staleRunMs));
  if (!run) return "skipped";
  const definition = context.definitions.find((candidate) => candidate.id === run.functionId);
  if (!definition) {
    await finishJobRun(db, runId, { status: "failed", error: `The function "${run.functionId}" is no longer defined in this app.` }, now);
    return "failed";
  }
  const state: RunState = { runId, event: run.event, steps: { ...run.steps }, stepOrder: [...run.stepOrder], attempt: run.attempt };
  const sleeps = { ...run.sleeps };
  const maxAttempts = maxAttemptsOf(definition.fn);
  let stepFailedForGood = false;

  const store = async (stepId: string, stored: StoredStep): Promise<boolean> => {
    if (!(await saveJobStep(db, runId, stepId, stored))) return false; // cancelled meanwhile: go no further
    state.steps[stepId] = stored;
    if (!state.stepOrder.includes(stepId)) state.stepOrder.push(stepId);
    state.attempt = 0;
    return true;
  };

  const retry = async (error: unknown, retryable: boolean | string): Promise<DriveResult> => {
    const attempt = state.attempt + 1;
    // Stored and shown in /admin/outbox: a database error's message would carry the statement's parameters.
    const message = safeErrorMessage(error);
    if (retryable === false || attempt >= maxAttempts || stepFailedForGood) {
      await finishJobRun(db, runId, { status: "failed", error: message }, context.now());
      logger.error({ component: "jobs", runId, functionId: definition.id, err: error }, "job run failed for good");
      return "failed";
    }
    const retryAt = retryTime(retryable, attempt, options.retryBaseMs, context.now());
    await queueWakeUp(context, runId, `${wakeUpId}/retry`, retryAt);
    await scheduleJobRetry(db, runId, attempt, message, retryAt);
    return "retrying";
  };

  const unsupported = async (reason: string): Promise<DriveResult> => {
    await finishJobRun(db, runId, { status: "failed", error: `The local runner cannot run this function: ${reason}.` }, context.now());
    return "failed";
  };

  for (let ran = 0; ran < STEPS_PER_WAKE_UP; ran++) {
    if ((await getJobRun(db, runId))?.status !== "running") return "skipped"; // cancelled between steps
    const outcome = await executeFunction(definition.fn, state);
    switch (outcome.type) {
      case "completed":
        await finishJobRun(db, runId, { status: "completed", output: outcome.output }, context.now());
        return "completed";
      case "failed":
        return retry(outcome.error, outcome.retryable);
      case "unsupported":
        return unsupported(outcome.reason);
      case "step-ran": {
        const handled = await storeStepOutcome(outcome, store);
        if (handled === "retry") return retry(outcome.step.error, outcome.retryable);
        if (handled === "stopped") return "skipped";
        if (handled === "failed-for-good") stepFailedForGood = true;
        continue;
      }
      case "steps-found": {
        const next = await handleFoundSteps(context, definition.fn, state, outcome.steps, sleeps, store);
        if (next.kind === "retry") return retry(next.error, next.retryable);
        if (next.kind === "stopped") return "skipped";
        if (next.kind === "unsupported") return unsupported(next.reason);
        if (next.kind === "failed-for-good") stepFailedForGood = true;
        if (next.kind === "sleep") {
          await queueWakeUp(context, runId, `${wakeUpId}/wake/${next.stepId}`, next.wakeAt);
          await putJobRunToSleep(db, runId, sleeps, next.wakeAt);
          return "sleeping";
        }
        continue;
      }
    }
  }
  await queueWakeUp(context, runId, `${wakeUpId}/continue`, context.now());
  await scheduleJobRetry(db, runId, state.attempt, "continued in a new wake-up", context.now());
  return "continued";
}

type StepHandling = "stored" | "retry" | "stopped" | "failed-for-good";

async function storeStepOutcome(
  outcome: Extract<ExecutionOutcome, { type: "step-ran" }>,
  store: (id: string, stored: StoredStep) => Promise<boolean>,
): Promise<StepHandling> {
  const { step } = outcome;
  if (step.op === StepOpCode.StepError) return "retry";
  if (step.op === StepOpCode.StepFailed) return (await store(step.id, { error: step.error })) ? "failed-for-good" : "stopped";
  return (await store(step.id, { data: step.data ?? null })) ? "stored" : "stopped";
}

type FoundHandling =
  | { kind: "progress" }
  | { kind: "failed-for-good" }
  | { kind: "sleep"; stepId: string; wakeAt: Date }
  | { kind: "retry"; error: unknown; retryable: boolean | string }
  | { kind: "stopped" }
  | { kind: "unsupported"; reason: string };

async function handleFoundSteps(
  context: RunnerContext,
  fn: Parameters<typeof executeFunction>[0],
  state: RunState,
  steps: FoundStep[],
  sleeps: Record<string, string>,
  store: (id: string, stored: StoredStep) => Promise<boolean>,
): Promise<FoundHandling> {
  let earliest: { stepId: string; wakeAt: Date } | null = null;
  let failedForGood = false;
  const newSleeps = steps.some((step) => step.op === StepOpCode.Sleep && !sleeps[step.id]);
  for (const step of steps) {
    if (step.op === StepOpCode.Sleep) {
      sleeps[step.id] ??= wakeTimeOf(step, context.now()).toISOString();
      const wakeAt = new Date(sleeps[step.id]);
      const wait = wakeAt.getTime() - context.now().getTime();
      if (wait <= INLINE_SLEEP_MS) {
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!(await store(step.id, { data: null }))) return { kind: "stopped" };
      } else if (!earliest || wakeAt < earliest.wakeAt) {
        earliest = { stepId: step.id, wakeAt };
      }
      continue;
    }
    if (step.op !== StepOpCode.StepPlanned) return { kind: "unsupported", reason: `step "${step.name}" is a ${step.op}, which only Inngest itself can run` };
    // Steps planned side by side (Promise.all) run one by one here.
    const ran = await executeFunction(fn, state, step.id);
    if (ran.type !== "step-ran") return { kind: "unsupported", reason: `planned step "${step.name}" did not run` };
    const handled = await storeStepOutcome(ran, store);
    if (handled === "retry") return { kind: "retry", error: ran.step.error, retryable: ran.retryable };
    if (handled === "stopped") return { kind: "stopped" };
    if (handled === "failed-for-good") failedForGood = true;
  }
  if (newSleeps) await recordJobSleeps(context.db, state.runId, sleeps);
  if (earliest && steps.every((step) => step.op === StepOpCode.Sleep && !state.steps[step.id])) return { kind: "sleep", ...earliest };
  return failedForGood ? { kind: "failed-for-good" } : { kind: "progress" };
}

const queueWakeUp = (context: RunnerContext, runId: string, reason: string, at: Date) => queueRunWakeUps(context.boss, [{ runId, reason, at }], context.now());

function wakeTimeOf(step: FoundStep, now: Date): Date {
  const wait = step.wait ?? "";
  const instant = Date.parse(wait);
  if (/^\d{4}-\d{2}-\d{2}T/.test(wait) && !Number.isNaN(instant)) return new Date(instant);
  return new Date(now.getTime() + durationToMs(wait as Parameters<typeof durationToMs>[0]));
}

function retryTime(retryable: boolean | string, attempt: number, baseMs: number, now: Date): Date {
  // RetryAfterError hands over an ISO instant or a number of seconds.
  if (typeof retryable === "string") {
    if (/^\d+$/.test(retryable)) return new Date(now.getTime() + Number(retryable) * 1000);
    const at = Date.parse(retryable);
    if (!Number.isNaN(at)) return new Date(Math.max(at, now.getTime()));
  }
  // Otherwise exponential backoff with jitter.
  const delay = Math.min(baseMs * 2 ** (attempt - 1), 60 * 60_000);
  return new Date(now.getTime() + delay * (0.75 + Math.random() * 0.5));
}
