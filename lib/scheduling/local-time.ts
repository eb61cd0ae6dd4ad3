import { Temporal } from "temporal-polyfill";
import type { TimeRange } from "./types";

const DAY_MINUTES = 1440;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" → minutes after local midnight; "24:00" → 1440. Null when malformed. */
export function parseLocalTime(value: string): number | null {
  if (value === "24:00") return DAY_MINUTES;
  const match = LOCAL_TIME.exec(value);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Exported so the availability form's schema accepts exactly what the engine does. */
export function isValidTimeRange(range: TimeRange): boolean {
  const start = parseLocalTime(range.startTime);
  const end = parseLocalTime(range.endTime);
  return start !== null && end !== null && start < DAY_MINUTES && end > start;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Parses a range or throws: bad stored hours are a bug upstream, never something to guess around. */
export function parseTimeRange(range: TimeRange): { start: number; end: number } {
  if (!isValidTimeRange(range)) {
    throw new RangeError(`Invalid time range ${range.startTime}–${range.endTime}`);
  }
  return { start: parseLocalTime(range.startTime)!, end: parseLocalTime(range.endTime)! };
}

/**
 * Wall-clock minutes on a doctor-local date → instant. "compatible" moves a time
 * inside a spring-forward gap to the later real time and picks the earlier of a
 * repeated fall-back hour, which is what a person reading a clock expects.
 */
export function localTimeToEpochMs(date: Temporal.PlainDate, minutes: number, timeZone: string): number {
  // "24:00" is the next date's midnight, which Temporal has no hour 24 for.
  const day = minutes >= DAY_MINUTES ? date.add({ days: 1 }) : date;
  const minuteOfDay = minutes % DAY_MINUTES;
  // The positional constructor skips the polyfill's property-bag parsing, the
  // hottest spot of the whole engine when it was `toPlainDateTime({ hour, minute })`.
  const wallClock = new Temporal.PlainDateTime(day.year, day.month, day.day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  return wallClock.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds;
}
