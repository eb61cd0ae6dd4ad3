// The one place that drives the Inngest SDK's own execution engine outside an
// Inngest server: the same call @inngest/test makes (pinned to this SDK
// version), fed with the step results the local runner stored. The SDK then
// runs the next step, or says which steps (sleeps) it waits for, exactly as it
// would answer Inngest over HTTP.
import type { InngestFunction } from "inngest";
import { InngestExecutionEngine, ServerTiming } from "inngest/internals";
import { StepMode, StepOpCode } from "inngest/types";
import type { StoredStep } from "@/db/schema";

export type AnyFunction = InngestFunction.Any;

export interface RunEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

export interface RunState {
  runId: string;
  event: RunEvent;
  steps: Record<string, StoredStep>;
  stepOrder: string[];
  attempt: number;
}

/** A step the SDK reports, as the runner needs it. `id` is the hashed id (the key in `steps`). */
export interface FoundStep {
  id: string;
  op: string;
  /** The id the function's code gave the step ("wait-for-reminder-time"). */
  name: string;
  /** For a sleep: the instant (sleepUntil) or duration (sleep) to wait. */
  wait?: string;
  data?: unknown;
  error?: unknown;
}

export type ExecutionOutcome =
  | { type: "completed"; output: unknown }
  | { type: "failed"; error: unknown; retryable: boolean | string }
  | { type: "step-ran"; step: FoundStep; retryable: boolean | string }
  | { type: "steps-found"; steps: FoundStep[] }
  | { type: "unsupported"; reason: string };

const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** Inngest's default: 3 retries after the first attempt, unless the function says otherwise. */
export function maxAttemptsOf(fn: AnyFunction): number {
  const retries = (Reflect.get(fn, "opts") as { retries?: number }).retries;
  return (retries ?? 3) + 1;
}

export const hashStepId = (id: string): string => InngestExecutionEngine._internals.hashId(id);

export async function executeFunction(fn: AnyFunction, state: RunState, requestedStep?: string): Promise<ExecutionOutcome> {
  const events = [state.event];
  const stepState = Object.fromEntries(Object.entries(state.steps).map(([id, stored]) => [id, { id, ...stored }]));
  const execution = (fn as unknown as { createExecution: (options: unknown) => { start: () => Promise<Record<string, unknown>> } }).createExecution({
    partialOptions: {
      runId: state.runId,
      client: Reflect.get(fn, "client"),
      data: { runId: state.runId, attempt: state.attempt, maxAttempts: maxAttemptsOf(fn), event: state.event, events },
      reqArgs: [],
      headers: {},
      stepCompletionOrder: state.stepOrder,
      stepState,
      stepMode: StepMode.Async,
      disableImmediateExecution: false,
      isFailureHandler: false,
      timer: new ServerTiming.ServerTiming(silent),
      requestedRunStep: requestedStep,
    },
  });
  const result = await execution.start();
  return toOutcome(result);
}

type SdkStep = { id: string; op: string; name?: string; displayName?: string; userland?: { id: string }; data?: unknown; error?: unknown };

function toStep(step: SdkStep): FoundStep {
  const name = step.userland?.id ?? step.displayName ?? step.id;
  return { id: step.id, op: step.op, name, ...(step.op === StepOpCode.Sleep ? { wait: step.name } : {}), data: step.data, error: step.error };
}

function toOutcome(result: Record<string, unknown>): ExecutionOutcome {
  switch (result.type) {
    case "function-resolved":
      return { type: "completed", output: result.data ?? null };
    case "function-rejected":
      return { type: "failed", error: result.error, retryable: (result.retriable as boolean | string | undefined) ?? false };
    case "step-ran":
      return { type: "step-ran", step: toStep(result.step as SdkStep), retryable: (result.retriable as boolean | string | undefined) ?? false };
    case "steps-found":
      return { type: "steps-found", steps: (result.steps as SdkStep[]).map(toStep) };
    default:
      return { type: "unsupported", reason: `the SDK answered "${String(result.type)}"` };
  }
}
