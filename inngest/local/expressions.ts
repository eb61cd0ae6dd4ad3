// Inngest writes idempotency keys and cancelOn conditions in CEL; the local
// runner evaluates the same strings with a CEL library, so a function's
// options mean one thing under both engines.
import { parse } from "@marcbachmann/cel-js";
import type { RunEvent } from "./execute";

type Compiled = ReturnType<typeof parse>;
const compiled = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  let program = compiled.get(expression);
  if (!program) {
    program = parse(expression);
    compiled.set(expression, program);
  }
  return program;
}

/** The run's key for `idempotency: "event.data.x + '/' + event.data.y"`; null when it cannot be computed. */
export function idempotencyKeyFor(expression: string | undefined, event: RunEvent): string | null {
  if (!expression) return null;
  try {
    const value = compile(expression)({ event });
    return value === null || value === undefined ? null : String(value);
  } catch {
    return null;
  }
}

/** Inngest's condition: `event` is the run's trigger, `async` the incoming event; a missing field is no match. */
export function conditionHolds(expression: string, trigger: RunEvent, incoming: RunEvent): boolean {
  try {
    return compile(expression)({ event: trigger, async: incoming }) === true;
  } catch {
    return false;
  }
}

export interface FieldEquality {
  /** Path inside the run's trigger event ("data.appointmentId"). */
  triggerPath: string[];
  /** The value the incoming event carries for it. */
  value: unknown;
}

const PATH = /^(event|async)\.((?:[A-Za-z_][A-Za-z0-9_]*\.)*[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * `match: "data.x"` and an `if` of the shape `async.a.b == event.c.d` both
 * say "this field of the trigger equals that field of the incoming event",
 * which the runner finds with one indexed query instead of reading every
 * sleeping run. Anything else is evaluated run by run.
 */
export function fieldEqualityOf(cancel: { match?: string; if?: string }, incoming: RunEvent): FieldEquality | null | "all" | "evaluate" {
  if (cancel.match) {
    const path = cancel.match.split(".");
    const value = valueAt(incoming, path);
    return value === undefined ? null : { triggerPath: path, value };
  }
  if (!cancel.if) return "all";
  const sides = cancel.if.split("==").map((side) => side.trim());
  if (sides.length !== 2) return "evaluate";
  const [left, right] = sides.map((side) => PATH.exec(side));
  if (!left || !right || left[1] === right[1]) return "evaluate";
  const [trigger, other] = left[1] === "event" ? [left, right] : [right, left];
  const value = valueAt(incoming, other[2].split("."));
  return value === undefined ? null : { triggerPath: trigger[2].split("."), value };
}

function valueAt(event: RunEvent, path: string[]): unknown {
  let current: unknown = event;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
