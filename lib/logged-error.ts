import pino from "pino";

// How an error is written to the log (lib/logger.ts's `err` serializer) and
// into job runs' "last error". A database error must never carry what the
// statement was given: Drizzle's DrizzleQueryError puts every bind parameter
// in its message ("Failed query: … params: <allergies>,<argon2 hash>,…") and
// so in its stack; postgres.js hangs `parameters`/`args` on the error of any
// query and PostgreSQL's own fields can quote the row (`detail`: "Key
// (email)=(…)", `where`: "parameter $2 = '…'") or the refused value (the
// message: 'invalid input syntax for type uuid: "…"'). What is kept: the
// error's name, the SQLSTATE, the constraint, table, column and routine, the
// SQL text (placeholders only) and the stack's frames. Other errors keep
// pino's standard form.

const DEPTH_LIMIT = 5;

interface PostgresFields {
  code?: string;
  severity?: string;
  constraint_name?: string;
  table_name?: string;
  column_name?: string;
  schema_name?: string;
  routine?: string;
}

/** An error from PostgreSQL itself, as postgres.js builds it from the server's ErrorResponse. */
function isPostgresError(error: Error): error is Error & PostgresFields {
  return error.name === "PostgresError" || ("severity" in error && "routine" in error);
}

/** Drizzle's wrapper around a failed query: `query` is the SQL, `params` its values. */
function isDrizzleQueryError(error: Error): error is Error & { query: string; params: unknown[] } {
  return error.constructor?.name === "DrizzleQueryError" || ("params" in error && "query" in error);
}

/** Any error of a statement: postgres.js attaches the statement to every error of a query, a lost connection included. */
function isDatabaseError(error: Error): boolean {
  return isPostgresError(error) || isDrizzleQueryError(error) || "parameters" in error || "args" in error;
}

function causeOf(error: Error): unknown {
  return (error as { cause?: unknown }).cause;
}

function chainOf(error: Error): Error[] {
  const chain: Error[] = [];
  for (let current: unknown = error; current instanceof Error && chain.length < DEPTH_LIMIT; current = causeOf(current)) chain.push(current);
  return chain;
}

function typeOf(error: Error): string {
  const constructorName = error.constructor?.name;
  return constructorName && constructorName !== "Object" ? constructorName : error.name;
}

/** The message without anything the statement was given. */
function safeMessage(error: Error): string {
  if (isDrizzleQueryError(error)) return `Failed query: ${typeof error.query === "string" ? error.query : "(statement not shown)"}`;
  // PostgreSQL puts the refused value after a colon: 'invalid input syntax for type uuid: "…"'.
  if (isPostgresError(error)) return error.message.replace(/:\s[\s\S]*$/, "");
  return error.message;
}

/** The stack's "at …" frames only: its first lines repeat the message, parameters and all. */
function framesOf(error: Error): string | undefined {
  if (typeof error.stack !== "string") return undefined;
  const at = error.stack.indexOf(error.message);
  const afterMessage = at >= 0 ? error.stack.slice(at + error.message.length) : error.stack;
  return afterMessage
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
}

function databaseFields(error: Error): Record<string, string> {
  const fields: Record<string, string> = {};
  const pg = error as Error & PostgresFields;
  const pick = {
    code: pg.code,
    severity: pg.severity,
    constraint: pg.constraint_name,
    table: pg.table_name,
    column: pg.column_name,
    schema: pg.schema_name,
    routine: pg.routine,
  };
  for (const [key, value] of Object.entries(pick)) if (typeof value === "string" && value !== "") fields[key] = value;
  return fields;
}

function summarise(error: Error, depth: number): Record<string, unknown> {
  const frames = framesOf(error);
  const summary: Record<string, unknown> = {
    type: typeOf(error),
    message: safeMessage(error),
    ...(frames ? { stack: `${typeOf(error)}: ${safeMessage(error)}\n${frames}` } : {}),
  };
  if (isDatabaseError(error)) {
    Object.assign(summary, databaseFields(error));
  } else {
    // An application error in front of the database error keeps its code and status (AppError), nothing else.
    const { code, status } = error as { code?: unknown; status?: unknown };
    if (typeof code === "string") summary.code = code;
    if (typeof status === "number") summary.status = status;
  }
  const cause = causeOf(error);
  if (cause instanceof Error && depth < DEPTH_LIMIT) {
    summary.cause = summarise(cause, depth + 1);
    // The SQLSTATE and constraint on the top line, where a reader of the log looks first.
    for (const key of ["code", "constraint", "table", "column", "routine"]) {
      const nested = (summary.cause as Record<string, unknown>)[key];
      if (summary[key] === undefined && nested !== undefined) summary[key] = nested;
    }
  }
  return summary;
}

/** The `err` serializer: a database error anywhere in the cause chain is summarised without its data; anything else is pino's standard form. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error) || !chainOf(error).some(isDatabaseError)) return pino.stdSerializers.err(error as Error);
  return summarise(error, 0);
}

/** One line for a stored "last error" (job runs): the same rule, with the SQLSTATE. */
export function safeErrorMessage(error: unknown): string {
  if (!(error instanceof Error))
    return error && typeof error === "object" && "message" in error ? String((error as { message: unknown }).message) : String(error);
  const chain = chainOf(error);
  const database = chain.find(isDatabaseError);
  if (!database) return error.message;
  const outer = database === error ? "" : `${error.message}: `;
  const reported = chain.find(isPostgresError) ?? chain.find((link) => isDatabaseError(link) && !isDrizzleQueryError(link));
  if (!reported) return `${outer}database query failed`;
  const { code } = reported as { code?: unknown };
  return `${outer}database query failed: ${safeMessage(reported)}${typeof code === "string" ? ` (${isPostgresError(reported) ? "SQLSTATE " : ""}${code})` : ""}`;
}
