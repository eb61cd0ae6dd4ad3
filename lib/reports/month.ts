import { z } from "zod";
import { DATE_RANGE_MESSAGE, isWithinDateYears } from "@/lib/validation/text";
import { dateTimeFormat } from "@/lib/format";

// Months are "YYYY-MM" in URLs and forms, and the first day ("YYYY-MM-01") in
// the reports table. Pure: "now" is always passed in.

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const monthSchema = z
  .string()
  .trim()
  .regex(MONTH_PATTERN, { message: "Choose a month, for example 2030-03.", abort: true })
  .refine(isWithinDateYears, { message: DATE_RANGE_MESSAGE, abort: true });

export const generateReportSchema = z.object({ month: monthSchema });

/** "YYYY-MM" in the years every date is bounded to (lib/validation/text.ts), so its month's end is a real SQL date. */
export function isMonth(value: string | undefined | null): value is string {
  return typeof value === "string" && MONTH_PATTERN.test(value) && isWithinDateYears(value);
}

export function monthToDate(month: string): string {
  return `${month}-01`;
}

export function dateToMonth(date: string): string {
  return date.slice(0, 7);
}

/** The UTC calendar month an instant falls in. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** The month before the one `now` falls in (UTC): what the cron on the 1st reports on. */
export function previousMonth(now: Date): string {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth(); // 0-based: the previous month, 1-based
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, "0")}`;
}

/** A month that has not begun anywhere yet has nothing to report. */
export function isFutureMonth(month: string, now: Date): boolean {
  // The earliest zone (UTC+14) starts a month 14 hours before UTC does.
  const earliestLocalNow = new Date(now.getTime() + 14 * 3_600_000);
  return month > monthOf(earliestLocalNow);
}

export function formatMonth(month: string): string {
  const [year, monthIndex] = month.split("-").map(Number);
  return dateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, monthIndex - 1, 15)));
}
