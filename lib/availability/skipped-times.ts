// The wall-clock times a zone skips on a date: the hour a spring-forward night
// jumps over (02:00–03:00 in Berlin on the last Sunday of March). The calendar
// grid draws the doctor's wall clock as if it were UTC (calendar-grid-time.ts),
// so it has a row for that hour; these ranges tell it not to draw it as open.
// Temporal is the only source of zone facts here: its transitions, walked one by one.
import { Temporal } from "temporal-polyfill";
import type { TimeRange } from "@/lib/scheduling";

function hhmm(time: Temporal.PlainDateTime, date: Temporal.PlainDate): string {
  // The date's own end is "24:00", as open hours write it.
  return Temporal.PlainDate.compare(time.toPlainDate(), date) > 0 ? "24:00" : time.toString().slice(11, 16);
}

/** The "HH:MM" ranges of `date` that never happen in `timeZone`, in order; [] on almost every date. */
export function skippedTimesOn(date: string, timeZone: string): TimeRange[] {
  const day = Temporal.PlainDate.from(date);
  const dayStart = day.toPlainDateTime();
  const dayEnd = day.add({ days: 1 }).toPlainDateTime();
  const lastInstant = day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
  const skipped: TimeRange[] = [];
  // From just before the date's first instant: a transition that skips midnight itself is that instant.
  let cursor = Temporal.Instant.fromEpochMilliseconds(day.toZonedDateTime({ timeZone }).epochMilliseconds - 1).toZonedDateTimeISO(timeZone);
  for (;;) {
    const transition = cursor.getTimeZoneTransition("next");
    if (!transition || transition.epochMilliseconds > lastInstant) break;
    const jump = transition.offsetNanoseconds - cursor.offsetNanoseconds;
    if (jump > 0) {
      // The clock read `after - jump` just before the transition and `after` just after it: everything between never happened.
      const after = transition.toPlainDateTime();
      const before = after.subtract({ nanoseconds: jump });
      const from = Temporal.PlainDateTime.compare(before, dayStart) < 0 ? dayStart : before;
      const to = Temporal.PlainDateTime.compare(after, dayEnd) > 0 ? dayEnd : after;
      if (Temporal.PlainDateTime.compare(from, to) < 0) skipped.push({ startTime: hhmm(from, day), endTime: hhmm(to, day) });
    }
    cursor = transition;
  }
  return skipped;
}
