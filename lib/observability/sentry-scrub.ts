import type { Breadcrumb, ErrorEvent, TransactionEvent } from "@sentry/core";

// What leaves for Sentry must never carry health data. A request's body (a booking's
// reason, a record's upload, a note), its cookies (the session), its query string (search
// filters, ?reason drafts in a URL someone typed) and anything about the user beyond their
// id can all hold it, so they are dropped before sending, whatever the SDK collected. The
// SDK is also started with its own collection of these off (lib/observability/sentry.ts); this is the
// guarantee, tested alone in sentry-scrub.test.ts.

const SENSITIVE_HEADERS = new Set(["cookie", "set-cookie", "authorization", "proxy-authorization", "x-forwarded-for", "x-real-ip"]);

/** A URL without its query string and fragment. */
export function withoutQuery(url: string): string {
  return url.split(/[?#]/, 1)[0]!;
}

function scrubBreadcrumb(crumb: Breadcrumb): Breadcrumb {
  const data = crumb.data ? { ...crumb.data } : undefined;
  if (data) {
    for (const key of ["url", "to", "from"]) if (typeof data[key] === "string") data[key] = withoutQuery(data[key] as string);
    delete data.body;
    delete data.request_body;
    delete data.response_body;
  }
  return { ...crumb, ...(data ? { data } : {}), ...(crumb.message ? { message: withoutQuery(crumb.message) } : {}) };
}

function withoutVars<T extends { vars?: unknown }>(frame: T): T {
  const copy = { ...frame };
  delete copy.vars;
  return copy;
}

/**
 * An exception's message without what a database statement was given. Drizzle's failed-query
 * error lists every bind parameter after "params:" (a booking's reason, a note, a hash), and
 * PostgreSQL quotes the refused value after a colon ('invalid input syntax for type uuid: "…"'):
 * the same rule as the log's (lib/logged-error.ts). Sentry sends each error of the cause chain
 * as a value of its own, so each is cut on its own text.
 */
export function safeExceptionValue(type: string | undefined, value: string | undefined): string | undefined {
  if (value === undefined) return value;
  if (value.startsWith("Failed query: ")) return value.replace(/\nparams: [\s\S]*$/, "");
  if (type === "PostgresError") return value.replace(/:\s[\s\S]*$/, "");
  return value;
}

/** beforeSend / beforeSendTransaction: the event with everything that may hold health data removed. */
export function scrubSentryEvent<T extends ErrorEvent | TransactionEvent>(event: T): T {
  const scrubbed: T = { ...event };
  if (event.request) {
    const request = { ...event.request };
    delete request.data;
    delete request.cookies;
    delete request.query_string;
    if (request.url) request.url = withoutQuery(request.url);
    if (request.headers) request.headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !SENSITIVE_HEADERS.has(name.toLowerCase())));
    delete request.env;
    scrubbed.request = request;
  }
  if (event.user) scrubbed.user = event.user.id !== undefined ? { id: event.user.id } : undefined;
  if (!scrubbed.user) delete scrubbed.user;
  if (event.breadcrumbs) scrubbed.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  if (event.transaction) scrubbed.transaction = withoutQuery(event.transaction);
  // A stack frame's local variables (a booking's reason, a record's bytes) never leave, nor a statement's
  // parameters in a database error's message; its source lines may.
  if (event.exception?.values)
    scrubbed.exception = {
      ...event.exception,
      values: event.exception.values.map((exception) => {
        const value = safeExceptionValue(exception.type, exception.value);
        const copy = value === exception.value ? { ...exception } : { ...exception, value };
        return exception.stacktrace?.frames ? { ...copy, stacktrace: { ...exception.stacktrace, frames: exception.stacktrace.frames.map(withoutVars) } } : copy;
      }),
    };
  return scrubbed;
}
