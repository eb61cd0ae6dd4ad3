// What the local runner reads from a function's options: the same fields
// Inngest reads when the app registers with it.
import type { AnyFunction } from "./execute";

type Named = string | { name: string };
type RawTrigger = { name: string } | { event: Named; if?: string } | { cron: string };
type RawCancel = { event: Named; match?: string; if?: string };
type RawOptions = { id: string; triggers?: RawTrigger[]; cancelOn?: RawCancel[]; idempotency?: string };

export interface FunctionDefinition {
  id: string;
  fn: AnyFunction;
  events: { name: string; if?: string }[];
  crons: string[];
  cancelOn: { event: string; match?: string; if?: string }[];
  idempotency?: string;
}

const nameOf = (value: Named): string => (typeof value === "string" ? value : value.name);

export function defineFunction(fn: AnyFunction): FunctionDefinition {
  const options = Reflect.get(fn, "opts") as RawOptions;
  const events: FunctionDefinition["events"] = [];
  const crons: string[] = [];
  for (const trigger of options.triggers ?? []) {
    if ("cron" in trigger) crons.push(trigger.cron);
    else if ("event" in trigger) events.push({ name: nameOf(trigger.event), if: trigger.if });
    else events.push({ name: trigger.name });
  }
  return {
    id: options.id,
    fn,
    events,
    crons,
    cancelOn: (options.cancelOn ?? []).map((cancel) => ({ event: nameOf(cancel.event), match: cancel.match, if: cancel.if })),
    idempotency: options.idempotency,
  };
}
