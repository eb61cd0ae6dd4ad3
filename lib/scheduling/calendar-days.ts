import { Temporal } from "temporal-polyfill";
import type { IsoWeekday } from "./types";

// Dates as ISO day numbers (days since 1970-01-01), for the engine's hot loops.
// Why not Temporal.PlainDate there: each `add` or construction costs the
// polyfill several microseconds, which the per-date and per-slot loops paid
// hundreds of times a call. This is zone-free proleptic-Gregorian arithmetic,
// for which Date's UTC fields are exact; time-zone questions stay with Temporal.
// calendar-days.test.ts checks every function against Temporal.

const DAY_MS = 86_400_000;

export function isoDayNumber(date: string | Temporal.PlainDate): number {
  if (typeof date === "string") {
    // The usual "YYYY-MM-DD" without the polyfill's parser; anything else (or an impossible date) is Temporal's to parse or refuse.
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS : NaN;
    if (match && isoDateOfDay(day) === date) return day;
  }
  const plain = typeof date === "string" ? Temporal.PlainDate.from(date) : date;
  return Date.UTC(plain.year, plain.month - 1, plain.day) / DAY_MS;
}

/** "YYYY-MM-DD" for years 1000–9999, which is all a booking calendar meets. */
export function isoDateOfDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function isoWeekdayOfDay(dayNumber: number): IsoWeekday {
  // getUTCDay counts 0 = Sunday; Temporal and the rules count 7 = Sunday.
  return (new Date(dayNumber * DAY_MS).getUTCDay() || 7) as IsoWeekday;
}

export function plainDateOfDay(dayNumber: number): Temporal.PlainDate {
  return Temporal.PlainDate.from(isoDateOfDay(dayNumber));
}
