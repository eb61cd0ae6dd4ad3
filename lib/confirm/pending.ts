import { z } from "zod";

// A destructive action asked for without JavaScript (components/ui/confirm-submit.tsx):
// its form went to POST /confirm/start instead of the action, carrying what the
// dialog would have said in the trigger button's own field. The confirm page
// shows that and posts the very same fields back to the page they came from,
// where Next.js runs the unchanged server action, which re-checks everything.
// Pure: no Next.js, no cookies.

/** The trigger button's field: what the confirmation says. Never replayed to the action. */
export const CONFIRM_FIELD = "$confirm";

/** Cookies hold about 4 KB; a larger form (hundreds of ticked rows) is refused with a reason. */
export const MAX_ENCODED_LENGTH = 3800;

const echoSchema = z.object({
  /** The form field to repeat on the confirm page ("reason"), or to count ("userIds"). */
  name: z.string().min(1).max(60),
  label: z.string().min(1).max(80),
  count: z.boolean().optional(),
  /** Words for the field's values ("deactivate" → "Deactivate"). */
  values: z.record(z.string(), z.string().max(80)).optional(),
});

export const askSchema = z.object({
  /** The button that does it: "Deactivate Anna Keller". */
  label: z.string().trim().min(1).max(160),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(600).optional(),
  echo: z.array(echoSchema).max(6).optional(),
});
export type Ask = z.infer<typeof askSchema>;

const pendingSchema = askSchema.extend({
  /** Where the form was: a path on this site ("//host" would be another site). */
  back: z.string().regex(/^\/(?![/\\])/),
  fields: z.array(z.tuple([z.string().max(200), z.string().max(5000)])).max(400),
});
export type PendingConfirmation = z.infer<typeof pendingSchema>;

export type PendingResult = { ok: true; pending: PendingConfirmation; encoded: string } | { ok: false; status: 400 | 413; message: string };

/**
 * The confirmation to show for a form posted to /confirm/start: the ask from
 * the trigger's field, every other text field as it was sent, and the page to
 * go back to (the referring page on this site, else the home page).
 */
export function pendingFromForm(entries: Iterable<[string, FormDataEntryValue]>, referer: string | null, siteOrigin: string): PendingResult {
  let ask: unknown;
  const fields: [string, string][] = [];
  for (const [name, value] of entries) {
    if (typeof value !== "string") return { ok: false, status: 400, message: "A file cannot be confirmed on the next page; go back and send the form again." };
    if (name === CONFIRM_FIELD) ask = parseJson(value);
    else fields.push([name, value]);
  }
  const parsed = pendingSchema.safeParse({ ...(isObject(ask) ? ask : {}), back: backPath(referer, siteOrigin), fields });
  if (!parsed.success)
    return { ok: false, status: 400, message: "This form cannot be confirmed. Go back, reload the page and try again; nothing was changed." };
  const encoded = encodePending(parsed.data);
  if (encoded.length > MAX_ENCODED_LENGTH)
    return { ok: false, status: 413, message: "Too much was selected to confirm at once without JavaScript. Go back and select fewer; nothing was changed." };
  return { ok: true, pending: parsed.data, encoded };
}

/** The referring page's path and query when it is on this site; anything else goes back home. */
export function backPath(referer: string | null, siteOrigin: string): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    if (url.origin !== new URL(siteOrigin).origin) return "/";
    if (url.pathname.startsWith("/confirm") || /^\/[/\\]/.test(url.pathname)) return "/";
    return url.pathname + url.search;
  } catch {
    return "/";
  }
}

export function encodePending(pending: PendingConfirmation): string {
  return Buffer.from(JSON.stringify(pending), "utf8").toString("base64url");
}

/** The pending confirmation in a cookie, or null for none, a stale or a malformed one. */
export function decodePending(raw: string | undefined): PendingConfirmation | null {
  if (!raw) return null;
  const parsed = pendingSchema.safeParse(parseJson(Buffer.from(raw, "base64url").toString("utf8")));
  return parsed.success ? parsed.data : null;
}

/** What the confirm page repeats from the form: "Reason: Doctor ill", "Users selected: 3". Empty values are left out. */
export function echoedValues(pending: PendingConfirmation): { label: string; value: string }[] {
  const shown: { label: string; value: string }[] = [];
  for (const echo of pending.echo ?? []) {
    const values = pending.fields.filter(([name]) => name === echo.name).map(([, value]) => value.trim());
    if (echo.count) {
      shown.push({ label: echo.label, value: String(values.filter(Boolean).length) });
      continue;
    }
    const value = values.find(Boolean);
    if (value) shown.push({ label: echo.label, value: echo.values?.[value] ?? value });
  }
  return shown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
