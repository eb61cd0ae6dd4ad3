// The zones a doctor may choose. Client-safe: the schema that checks a zone runs
// in the browser (instant feedback) and again in the server action.

let cached: { list: string[]; set: Set<string> } | null = null;

function zones() {
  // Intl's list has no "UTC" (it lists real regions), yet UTC is the column's
  // default for a new doctor, so it must stay choosable.
  cached ??= (() => {
    const list = ["UTC", ...Intl.supportedValuesOf("timeZone")];
    return { list, set: new Set(list) };
  })();
  return cached;
}

/** "UTC" then every IANA zone this runtime's Intl knows, in its order. */
export function supportedTimeZones(): string[] {
  return zones().list;
}

/**
 * A zone from the list, or an alias of one. Intl lists only canonical names,
 * and which name is canonical differs between ICU versions (Node 20 lists
 * "Asia/Calcutta", the seed and newer browsers say "Asia/Kolkata"), so an alias
 * counts when Intl resolves it to a listed zone.
 */
export function isSupportedTimeZone(timeZone: string): boolean {
  if (zones().set.has(timeZone)) return true;
  try {
    return zones().set.has(new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

/** The options for the picker: the list, plus the stored value when Intl spells it differently. */
export function timeZoneOptions(current: string): string[] {
  const list = supportedTimeZones();
  return list.includes(current) ? list : [current, ...list];
}
