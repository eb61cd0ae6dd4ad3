// The week of days the doctor page shows: pure, so the stepping through the
// booking horizon and the "next free day" hint are unit-tested without a page.

import { dateTimeFormat } from "@/lib/format";

export interface SlotDayCount {
  date: string;
  /** How many free times that day has for the viewer. */
  times: number;
}

export interface SlotWeek {
  /** The day whose times are shown. */
  date: string;
  /** The seven days (fewer in the last week) of the week holding `date`, free or not. */
  days: SlotDayCount[];
  /** Where "Previous week" and "Next week" go (that week's first free day, else its first day), or null at either end. */
  previousWeek: string | null;
  nextWeek: string | null;
  /** When the shown day has no free times: the next day that has some, if any. */
  nextFreeDate: string | null;
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function zonedDate(instant: Date, timeZone: string): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/**
 * Weeks run from `firstDate` (the viewer's today) in steps of seven days up to
 * `lastDate` (the end of the doctor's booking horizon). A requested date
 * outside that range, or none, shows the first day with free times.
 */
export function slotWeek(counts: SlotDayCount[], range: { firstDate: string; lastDate: string; requestedDate?: string }): SlotWeek {
  const { firstDate, lastDate, requestedDate } = range;
  const timesOn = new Map(counts.map((day) => [day.date, day.times]));
  const firstFreeFrom = (from: string, to = lastDate) => counts.find((day) => day.times > 0 && day.date >= from && day.date <= to)?.date ?? null;
  const inRange = requestedDate !== undefined && requestedDate >= firstDate && requestedDate <= lastDate;
  const date = inRange ? requestedDate : (firstFreeFrom(firstDate) ?? firstDate);

  const weekStart = addDays(firstDate, Math.floor(daysBetween(firstDate, date) / 7) * 7);
  const days: SlotDayCount[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const day = addDays(weekStart, offset);
    if (day > lastDate) break;
    days.push({ date: day, times: timesOn.get(day) ?? 0 });
  }
  const weekTarget = (start: string) => firstFreeFrom(start, addDays(start, 6)) ?? start;
  const previousStart = addDays(weekStart, -7);
  const nextStart = addDays(weekStart, 7);
  return {
    date,
    days,
    previousWeek: weekStart > firstDate ? weekTarget(previousStart < firstDate ? firstDate : previousStart) : null,
    nextWeek: nextStart <= lastDate ? weekTarget(nextStart) : null,
    nextFreeDate: (timesOn.get(date) ?? 0) > 0 ? null : firstFreeFrom(addDays(date, 1)),
  };
}

interface DayOfSlots<S extends { startsAt: Date }> {
  date: string;
  slots: S[];
}

/**
 * What a slot panel shows for a request's `date` and `slot`: the week, the
 * shown day's times, and the chosen slot if it is still on offer (a stale or
 * forged value is simply ignored; its day is then shown).
 */
export function slotPanel<S extends { startsAt: Date; viewerDate: string }>(
  days: DayOfSlots<S>[],
  options: { now: Date; viewerTimeZone: string; horizonDays: number; date?: string; slot?: string },
) {
  const selected = options.slot ? days.flatMap((day) => day.slots).find((slot) => slot.startsAt.toISOString() === options.slot) : undefined;
  const firstDate = zonedDate(options.now, options.viewerTimeZone);
  const lastDate = zonedDate(new Date(options.now.getTime() + options.horizonDays * DAY_MS), options.viewerTimeZone);
  const counts = days.map((day) => ({ date: day.date, times: day.slots.length }));
  const week = slotWeek(counts, { firstDate, lastDate, requestedDate: selected?.viewerDate ?? options.date });
  const slots = days.find((day) => day.date === week.date)?.slots ?? [];
  return { week, slots, selected, firstDate, lastDate, anyFree: counts.length > 0 };
}
