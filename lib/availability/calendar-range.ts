// The doctor calendar's data contract: what GET /api/doctor/calendar accepts and
// answers. Client-safe, so the calendar component types its data from here.
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { boundedDate } from "@/lib/validation/text";
import type { TimeRange } from "@/lib/scheduling";
import type { AppointmentStatus } from "@/lib/vocabulary";
import type { DateHours } from "./open-hours";

export const MAX_CALENDAR_DAYS = 62;

/**
 * `start` (inclusive) and `end` (exclusive) are dates on the DOCTOR's calendar,
 * "YYYY-MM-DD": a week or month view is a run of the doctor's days, and a date
 * carries no zone to get wrong. The cap keeps one request's work bounded.
 */
export const calendarRangeSchema = z
  .object({
    start: boundedDate({ error: "start must be a date as YYYY-MM-DD." }),
    end: boundedDate({ error: "end must be a date as YYYY-MM-DD." }),
  })
  .superRefine((range, ctx) => {
    const days = daysBetween(range.start, range.end);
    if (days === null) return; // a malformed date already has its own message
    if (days <= 0) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be after start." });
    else if (days > MAX_CALENDAR_DAYS) ctx.addIssue({ code: "custom", path: ["end"], message: `Ask for at most ${MAX_CALENDAR_DAYS} days at a time.` });
  });

/** Whole days from one ISO date to another, or null when either is not a real date. */
function daysBetween(start: unknown, end: unknown): number | null {
  try {
    return Temporal.PlainDate.from(String(start)).until(Temporal.PlainDate.from(String(end)), { largestUnit: "days" }).days;
  } catch {
    return null;
  }
}

export type CalendarRange = z.infer<typeof calendarRangeSchema>;

export interface CalendarAppointment {
  id: string;
  patientName: string;
  /** The patient's reason for the visit; "" when they gave none or are not in the doctor's care. */
  reason: string;
  status: AppointmentStatus;
  /** Instants, ISO with "Z". */
  startsAt: string;
  endsAt: string;
  /** The same instants on the doctor's wall clock, "YYYY-MM-DDTHH:mm:ss" without offset. */
  localStart: string;
  localEnd: string;
}

/** A date's hours, and the wall-clock times its zone skips that night (lib/availability/skipped-times.ts): never drawn as open. */
export interface CalendarDay extends DateHours {
  skipped: TimeRange[];
}

export interface CalendarData {
  timeZone: string;
  range: CalendarRange;
  days: CalendarDay[];
  appointments: CalendarAppointment[];
}
