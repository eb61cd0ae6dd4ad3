import { z } from "zod";

/** The one vocabulary of failures a user may see: a code, an HTTP status and a safe message. */
export const errorCatalog = {
  unauthenticated: { status: 401, message: "Please sign in to continue." },
  forbidden: { status: 403, message: "You do not have access to this page." },
  not_found: { status: 404, message: "We could not find that." },
  invalid_input: { status: 400, message: "Some fields need your attention. Nothing was changed." },
  conflict: { status: 409, message: "That change conflicts with another one. Please try again." },
  slot_taken: { status: 409, message: "That time was just taken. Please choose another slot." },
  rate_limited: { status: 429, message: "Too many attempts. Please wait and try again." },
  unavailable: { status: 503, message: "The service is temporarily unavailable. Please try again shortly." },
  internal: { status: 500, message: "Something went wrong on our side and nothing was changed. Please try again." },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? errorCatalog[code].message);
    this.name = "AppError";
    this.status = errorCatalog[code].status;
  }
}

/** One option of a list a form could not know before its answer (a chosen country's regions), keyed by the field it fills. */
export interface ChoiceOption {
  value: string;
  label: string;
  latitude?: number;
  longitude?: number;
}
export type FormChoices = Record<string, ChoiceOption[]>;

/** What a server action hands back to its form. */
export type ActionResult<T = object> =
  | ({ ok: true; message?: string } & T)
  | {
      ok: false;
      code?: ErrorCode;
      message: string;
      fieldErrors?: Record<string, string[] | undefined>;
      values?: Record<string, string>;
      /** For a form without JavaScript: the options its lists need for the values sent back (see ActionSpec.choices). */
      choices?: FormChoices;
    };

/** A form's state for `useActionState`: null before the first submission. The one alias every form uses. */
export type FormState<T = object> = ActionResult<T> | null;

/** A refusal for the form; `values` refills what the user typed (never a password). */
export function failure(
  message: string,
  fieldErrors?: Record<string, string[] | undefined>,
  values?: Record<string, string>,
  code?: ErrorCode,
): ActionResult<never> {
  return { ok: false, message, fieldErrors, values, ...(code ? { code } : {}) };
}

// Read from PostgreSQL driver errors; they live with the database client (db/ imports nothing from lib/).
export { constraintName, sqlState } from "@/db/errors";

/** Zod's issues keyed by field, in the shape the forms show next to each input. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[] | undefined> {
  return z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
}

/**
 * Issues keyed by their full path ("days.0.ranges.1.startTime"), which is also
 * the input's name in nested forms, so each message lands next to its own field.
 * Zod's flatten keeps only the first path segment, too coarse for nested ranges.
 */
export function fieldErrorsByPath(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * Parses input with a shared schema, as the action pipeline (lib/actions.ts)
 * does at the boundary: a refusal is an AppError carrying each field's message.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, options: { invalid?: string; nestedFields?: boolean } = {}): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = options.nestedFields ? fieldErrorsByPath(parsed.error) : (fieldErrorsOf(parsed.error) as Record<string, string[]>);
  throw new AppError("invalid_input", options.invalid, fieldErrors);
}
