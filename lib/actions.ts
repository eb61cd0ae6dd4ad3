import "server-only";
import { after } from "next/server";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import type { Db } from "@/db/client";
import { currentUser, type CurrentUser } from "@/lib/auth/guards";
import type { Role } from "@/lib/vocabulary";
import { AppError, errorCatalog, failure, parseInput, type FormChoices, type FormState } from "@/lib/errors";
import { requestLogger, securityEvent } from "@/lib/logger";
import { deliverOutboxQuietly } from "@/lib/outbox";

// The one pipeline every server action goes through (app/**/actions.ts export
// nothing else; lib/actions.test.ts fails on an action that bypasses it):
//   1. who is calling: the session's user, refused unless their role may act;
//   2. what they sent: the form's fields, parsed with the shared zod schema —
//      the only place input is parsed; services take the parsed, typed value;
//   3. the service call, whose AppError becomes the form's failure with its
//      code from lib/errors.ts; anything else is logged and hidden;
//   4. on a refusal the fields typed are sent back (never a password).
// Next.js's own redirect/notFound/forbidden pass through untouched.

type Access = readonly Role[] | "signed-in" | "anyone";
type Caller<A extends Access> = A extends "anyone" ? CurrentUser | null : CurrentUser;

/** What a run may return: a success message, extra data for the form (with an optional message), or nothing. */
type RunResult = string | void | ({ message?: string } & object);
type Data<R> = [R] extends [never] ? object : R extends string | void ? object : Omit<R, "message">;

export interface ActionContext<A extends Access> {
  user: Caller<A>;
  db: Db;
  now: Date;
  formData: FormData | null;
}

export interface ActionSpec<A extends Access, S extends z.ZodType, R extends RunResult> {
  /** The roles that may call, "signed-in" for any role, or "anyone" (sign-in, registration). */
  access: A;
  /** The shared schema the input is parsed with. */
  schema: S;
  /** How a form's fields become the schema's input; by default each field by name, repeated names as a list. */
  fields?: (formData: FormData) => unknown;
  /** The refusal's headline when the schema rejects the input (each field also gets its own message). */
  invalid?: string;
  /** Field errors keyed by their full path ("days.0.ranges.1.startTime") for forms whose inputs are named so. */
  nestedFields?: boolean;
  /**
   * The options a refused form's lists need for the values it sent (a chosen
   * country's regions and a region's cities): what lets a form without
   * JavaScript be filled in step by step. Read from the raw fields, on refusal only.
   */
  choices?: (raw: unknown) => FormChoices | undefined;
  run: (input: z.output<S>, context: ActionContext<A>) => Promise<R>;
}

const ACTION = Symbol.for("careslot.action");

/**
 * A form action for `useActionState` (`(previous, formData)`) or a plain
 * `<form action>` (`(formData)`): the same function serves both.
 */
export function action<A extends Access, S extends z.ZodType, R extends RunResult>(spec: ActionSpec<A, S, R>): FormAction<Data<R>> {
  const handler = async (previous?: unknown, formData?: FormData): Promise<FormState<Data<R>>> => {
    const form = formData instanceof FormData ? formData : previous instanceof FormData ? previous : null;
    return runAction(spec, form, () => (form ? (spec.fields ?? fieldsOf)(form) : {}));
  };
  return brand(handler) as FormAction<Data<R>>;
}

/** Both ways React calls a form action: through useActionState, or straight from `<form action>` (its answer then unused). */
type FormAction<D> = ((previous?: unknown, formData?: FormData) => Promise<FormState<D>>) & ((formData: FormData) => Promise<void>);

/** An action called from client code with a plain value (the calendar's drag and drop) instead of a form. */
export function jsonAction<A extends Access, S extends z.ZodType, R extends RunResult>(spec: Omit<ActionSpec<A, S, R>, "fields">) {
  const handler = async (input: z.input<S>): Promise<NonNullable<FormState<Data<R>>>> => runAction(spec, null, () => input);
  return brand(handler);
}

/** True for a function made by action() or jsonAction(): how the bypass test recognises the pipeline. */
export function isPipelineAction(value: unknown): boolean {
  return typeof value === "function" && (value as { [ACTION]?: boolean })[ACTION] === true;
}

function brand<F extends (...args: never[]) => unknown>(handler: F): F {
  return Object.assign(handler, { [ACTION]: true });
}

async function runAction<A extends Access, S extends z.ZodType, R extends RunResult>(
  spec: Omit<ActionSpec<A, S, R>, "fields">,
  formData: FormData | null,
  readInput: () => unknown,
): Promise<NonNullable<FormState<Data<R>>>> {
  const raw = readInput();
  const values = formData ? echoedValues(formData) : undefined;
  try {
    const user = await callerFor(spec.access);
    const input = parseInput(spec.schema, raw, spec);
    const result = await spec.run(input, { user: user as Caller<A>, db: getDb(), now: new Date(), formData });
    deliverOutboxAfterResponse();
    return success(result);
  } catch (error) {
    rethrowNavigation(error);
    let refusal: ReturnType<typeof failure>;
    if (error instanceof AppError) refusal = failure(error.message, error.fieldErrors, values, error.code);
    else {
      (await requestLogger()).error({ err: error }, "action failed");
      refusal = failure(errorCatalog.internal.message, undefined, values, "internal");
    }
    const choices = formData ? spec.choices?.(raw) : undefined;
    return choices ? { ...refusal, choices } : refusal;
  }
}

/** A redirect (or notFound, forbidden) thrown by a run that succeeded: the outbox is still delivered, then Next.js takes over. */
function rethrowNavigation(error: unknown): void {
  try {
    unstable_rethrow(error);
  } catch (navigation) {
    deliverOutboxAfterResponse();
    throw navigation;
  }
}

async function callerFor(access: Access): Promise<CurrentUser | null> {
  if (access === "anyone") return currentUser();
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated");
  if (access !== "signed-in" && !access.includes(user.role)) {
    securityEvent("permission_refused", { userId: user.id, role: user.role, required: access, area: "action" });
    throw new AppError("forbidden");
  }
  return user;
}

function success<R extends RunResult>(result: R): { ok: true; message?: string } & Data<R> {
  const data = typeof result === "string" ? { message: result } : (result ?? {});
  return { ok: true, ...(data as object) } as { ok: true } & Data<R>;
}

/** A form's fields by name: one value as itself, a repeated name (checkboxes) as a list. Next.js's own fields are left out. */
export function fieldsOf(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key);
    fields[key] = all.length === 1 ? all[0]! : all;
  }
  return fields;
}

/** What goes back into the form on a refusal: the text fields typed, never a password or a file. */
function echoedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !/password/i.test(key) && !(key in values)) values[key] = value;
  }
  return values;
}

/**
 * A change that wrote outbox events (and any left pending before it) is sent
 * to the job runner once the response has gone: the user never waits for it,
 * and an unreachable one only leaves the rows pending for the sweep.
 */
function deliverOutboxAfterResponse(): void {
  try {
    after(deliverOutboxQuietly);
  } catch {
    // Outside a request (a script, a test) there is no "after": the sweep delivers instead.
  }
}
