import { Temporal } from "temporal-polyfill";
import type { Within } from "./params";

const DAY_MS = 86_400_000;

/**
 * The end of an "available within" window: "today" is the rest of the
 * viewer's calendar day in their own zone (a Tokyo patient's today is not a
 * London one's); 3, 7 and 14 days are that many 24-hour days from now.
 */
export function searchWindowEnd(within: Within, now: Date, viewerTimeZone: string): Date {
  if (within !== "today") return new Date(now.getTime() + Number(within) * DAY_MS);
  const tomorrow = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(viewerTimeZone).toPlainDate().add({ days: 1 });
  return new Date(tomorrow.toZonedDateTime({ timeZone: viewerTimeZone }).epochMilliseconds);
}
