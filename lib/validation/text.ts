// The shared rules for text and dates typed by people, used by every schema
// (lib/*/schemas.ts, the filters, the search parameters). Client-safe and pure:
// the forms check with the same rules before sending.
//
// Why: a NUL byte is refused by PostgreSQL ("invalid byte sequence"), which
// turned a form into a 500 and its logged error into a copy of everything
// typed; other control characters break CSV cells, email headers and logs; a
// name made only of zero-width characters is an empty name that passes a
// length check; a year past 9998 overflows a "to" date plus one day into year
// 10000, which PostgreSQL refuses.
import { z } from "zod";

/** C0 controls, DEL and C1 controls: never typed by a person. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, except tab, line feed and carriage return, which a multi-line field keeps. */
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Characters that show nothing: white space, format characters (zero-width
 * space and joiners, the byte-order mark, bidirectional marks), and the blank
 * fillers (Hangul fillers, the braille blank, the combining grapheme joiner).
 */
const INVISIBLE = /[\s\p{Cf}\p{Z}\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0]/gu;
/**
 * Bidirectional embedding, override and isolate controls (and the marks): they
 * reorder how the text around them displays, so "invoice\u202Efdp.exe" shows as
 * "invoiceexe.pdf". Kept out of file names.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export const CONTROL_CHARACTERS_MESSAGE = "Remove the control characters (such as a null byte) from this text.";
export const INVISIBLE_ONLY_MESSAGE = "Use visible letters or digits, not only spaces or invisible characters.";

export function hasControlCharacters(text: string, options: { multiLine?: boolean } = {}): boolean {
  return (options.multiLine ? CONTROL_EXCEPT_LINES : CONTROL).test(text);
}

/** False for text that shows nothing at all (empty, spaces, zero-width characters). */
export function hasVisibleCharacters(text: string): boolean {
  return text.replace(INVISIBLE, "") !== "";
}

/** Text with its control characters (all of them, line breaks too) and bidirectional controls taken out. */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL, "g"), "").replace(BIDI_CONTROLS, "");
}

function checkedText(multiLine: boolean, params?: { error?: string }) {
  return z
    .string(params)
    .trim()
    .refine((value) => !hasControlCharacters(value, { multiLine }), { message: CONTROL_CHARACTERS_MESSAGE, abort: true })
    .refine((value) => value === "" || hasVisibleCharacters(value), { message: INVISIBLE_ONLY_MESSAGE, abort: true });
}

/**
 * One line of text (a name, a title, a search): trimmed; no control character
 * at all; not only invisible characters. Chain `.min()`/`.max()` with the
 * field's own messages; "" passes, so optional fields keep meaning "not given".
 */
export function singleLineText(params?: { error?: string }) {
  return checkedText(false, params);
}

/** Text over several lines (a reason, a note, a review): the same rules, but line breaks and tabs are kept. */
export function multiLineText(params?: { error?: string }) {
  return checkedText(true, params);
}

/** The years a date may fall in: enough for any birth date and any booking, and "to" plus one day stays a real SQL date. */
export const DATE_YEARS = { min: 1900, max: 9998 } as const;

export const DATE_RANGE_MESSAGE = `Use a date between the years ${DATE_YEARS.min} and ${DATE_YEARS.max}.`;

/** True for an instant, or a "YYYY-MM-DD…" string, whose year is in DATE_YEARS (UTC). */
export function isWithinDateYears(value: Date | string): boolean {
  const year = typeof value === "string" ? Number(value.slice(0, 4)) : value.getUTCFullYear();
  return Number.isInteger(year) && year >= DATE_YEARS.min && year <= DATE_YEARS.max;
}

/** A calendar date "YYYY-MM-DD" (a real one: no 31 April), in the years 1900–9998, each refusal with its own message. */
export function boundedDate(params?: { error?: string }) {
  return z.iso
    .date({ error: params?.error ?? "Use a date like 2026-03-31.", abort: true })
    .refine(isWithinDateYears, { message: DATE_RANGE_MESSAGE, abort: true });
}

/** A query-string or form value where empty ("status=") means "not given". */
export function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}
