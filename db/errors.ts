// What a PostgreSQL driver error says, read the same way whether or not Drizzle
// wrapped it. Pure: the database layer and the services both read errors with these.

/** PostgreSQL's SQLSTATE of a driver error, whether or not Drizzle wrapped it. */
export function sqlState(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function constraintName(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const name = (candidate as { constraint_name?: unknown } | undefined)?.constraint_name;
    if (typeof name === "string") return name;
  }
  return undefined;
}
