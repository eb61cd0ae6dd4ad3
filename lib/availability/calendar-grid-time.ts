// The calendar grid's clock, pure so it can be tested without a browser.
//
// Time zones: FullCalendar 6 without a named-zone plugin cannot place events
// in a zone like "Europe/Berlin" (it would "UTC-coerce" them, silently wrong
// across DST). So the grid runs with timeZone "UTC" and is fed the doctor's
// WALL CLOCK written as if it were UTC: an appointment at 09:00 Berlin time is
// "…T09:00:00Z". The server converts each instant to the doctor's wall clock
// with Temporal, which knows every DST rule, so every event sits at the time
// the doctor's own clock shows, on both sides of a DST change. The price: the
// grid shows the hour a spring-forward night skips, and the repeated autumn
// hour once (a visit in it is drawn at its wall-clock time). Open hours need
// no conversion at all: they are stored as wall-clock "HH:MM" per date, so a
// dragged block's UTC fields ARE the new local times; nothing is converted back.
import type { CalendarData } from "./calendar-range";
import type { DateHours } from "./open-hours";
import type { TimeRange } from "@/lib/scheduling";

/** "2026-03-02" + "09:00" → "2026-03-02T09:00:00Z"; "24:00" is the next date's midnight. */
export function wallClockAsUtc(date: string, time: string): string {
  if (time === "24:00") {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().replace(".000Z", "Z");
  }
  return `${date}T${time}:00Z`;
}

/** A grid instant back to the date's "HH:MM": the UTC fields are the wall clock (see above). */
export function timeOnDate(instant: Date, date: string): string | null {
  const iso = instant.toISOString();
  if (iso.slice(0, 10) === date) return iso.slice(11, 16);
  // Dragged down to the very end of the day: midnight after the date is "24:00".
  return iso === wallClockAsUtc(date, "24:00").replace("Z", ".000Z") ? "24:00" : null;
}

export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The grid's first and last hour: the day's hours and visits with an hour around them, at least 07:00–20:00. */
export function visibleHours(data: CalendarData | undefined): { slotMinTime: string; slotMaxTime: string } {
  let first = 7;
  let last = 20;
  for (const day of data?.days ?? []) {
    for (const range of day.ranges) {
      first = Math.min(first, Number(range.startTime.slice(0, 2)) - 1);
      last = Math.max(last, Math.ceil(Number(range.endTime.slice(0, 2)) + Number(range.endTime.slice(3)) / 60) + 1);
    }
  }
  for (const appointment of data?.appointments ?? []) {
    first = Math.min(first, Number(appointment.localStart.slice(11, 13)) - 1);
    // A visit ending after midnight continues on the next date's column; this column needs only its end of day.
    const end = appointment.localEnd.slice(0, 10) > appointment.localStart.slice(0, 10) ? 24 : Number(appointment.localEnd.slice(11, 13)) + 1;
    last = Math.max(last, end);
  }
  const clamp = (hour: number) => String(Math.min(24, Math.max(0, hour))).padStart(2, "0");
  return { slotMinTime: `${clamp(first)}:00:00`, slotMaxTime: `${clamp(last)}:00:00` };
}

/**
 * The weekend days the week view leaves out, as FullCalendar numbers them (0
 * Sunday, 6 Saturday): a Saturday or Sunday of the range with no open hours and
 * no visit at all. Five columns instead of seven give a 30-minute visit room for
 * the patient's name and reason on one line at 1366 px; a weekend day with
 * anything on it stays, so nothing is ever hidden. Before the data is there the
 * caller keeps what it had (undefined).
 */
export function quietWeekendDays(data: CalendarData | undefined): number[] | undefined {
  if (!data) return undefined;
  const busy = new Set<number>();
  for (const day of data.days) if (day.ranges.length > 0) busy.add(new Date(`${day.date}T00:00:00Z`).getUTCDay());
  for (const visit of data.appointments) {
    busy.add(new Date(`${visit.localStart.slice(0, 10)}T00:00:00Z`).getUTCDay());
    busy.add(new Date(`${visit.localEnd.slice(0, 10)}T00:00:00Z`).getUTCDay());
  }
  return [6, 0].filter((weekday) => !busy.has(weekday));
}

/** The date's ranges with one replaced, sorted: what a drag or resize saves as that date's override. */
export function rangesAfterEdit(day: DateHours, index: number, next: TimeRange): TimeRange[] {
  return day.ranges.map((range, i) => (i === index ? next : range)).sort((a, b) => a.startTime.localeCompare(b.startTime));
}

/** The ranges with `removed` taken out ("HH:MM" strings compare as times): a date's open hours less the times its zone skips. */
export function rangesWithout(ranges: TimeRange[], removed: TimeRange[]): TimeRange[] {
  return removed.reduce<TimeRange[]>(
    (kept, cut) =>
      kept.flatMap((range) => {
        if (cut.endTime <= range.startTime || cut.startTime >= range.endTime) return [range];
        const pieces: TimeRange[] = [];
        if (range.startTime < cut.startTime) pieces.push({ startTime: range.startTime, endTime: cut.startTime });
        if (cut.endTime < range.endTime) pieces.push({ startTime: cut.endTime, endTime: range.endTime });
        return pieces;
      }),
    ranges,
  );
}
