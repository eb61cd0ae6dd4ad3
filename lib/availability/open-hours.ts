// Which wall-clock ranges each doctor-local date has, before any time-zone
// conversion. The calendar edits these ranges one by one, so it needs them as
// stored: unmerged, in "HH:MM". Turning them into instants (DST gaps, merging)
// is the slot engine's job (`openIntervals`) and is not repeated here.
import { Temporal } from "temporal-polyfill";
import type { AvailabilityOverride, AvailabilityRule, TimeRange } from "@/lib/scheduling";

export type DateHoursSource = "weekly" | "override";

export interface DateHours {
  date: string;
  /** "override" when a date override replaces that weekday's hours. */
  source: DateHoursSource;
  closed: boolean;
  ranges: TimeRange[];
}

export interface StoredOverride extends AvailabilityOverride {
  /** The id of one of the date's rows; deleting it removes the whole date's override. */
  id: string;
}

export interface OverrideRow {
  id: string;
  date: string;
  closed: boolean;
  startTime: string | null;
  endTime: string | null;
}

export function byStart(a: TimeRange, b: TimeRange): number {
  return a.startTime.localeCompare(b.startTime) || a.endTime.localeCompare(b.endTime);
}

/** One entry per date; a closed row wins over ranges, which never co-exist by the table's rules anyway. */
export function groupOverrideRows(rows: OverrideRow[]): StoredOverride[] {
  const byDate = new Map<string, StoredOverride>();
  for (const row of rows) {
    const entry = byDate.get(row.date) ?? { id: row.id, date: row.date, closed: false, ranges: [] };
    if (row.closed) entry.closed = true;
    else if (row.startTime && row.endTime) entry.ranges.push({ startTime: row.startTime, endTime: row.endTime });
    byDate.set(row.date, entry);
  }
  return [...byDate.values()]
    .map((entry) => ({ ...entry, ranges: entry.closed ? [] : entry.ranges.sort(byStart) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Each date in [fromDate, toDate) with its hours: the override if there is one, else the weekday's rules. */
export function hoursByDate(rules: AvailabilityRule[], overrides: AvailabilityOverride[], fromDate: string, toDate: string): DateHours[] {
  const overrideOf = new Map(overrides.map((o) => [o.date, o]));
  const result: DateHours[] = [];
  const end = Temporal.PlainDate.from(toDate);
  for (let day = Temporal.PlainDate.from(fromDate); Temporal.PlainDate.compare(day, end) < 0; day = day.add({ days: 1 })) {
    const date = day.toString();
    const override = overrideOf.get(date);
    if (override) {
      result.push({ date, source: "override", closed: override.closed, ranges: override.closed ? [] : [...override.ranges].sort(byStart) });
    } else {
      const ranges = rules.filter((rule) => rule.weekday === day.dayOfWeek).map(({ startTime, endTime }) => ({ startTime, endTime }));
      result.push({ date, source: "weekly", closed: false, ranges: ranges.sort(byStart) });
    }
  }
  return result;
}

/** The rules grouped Monday..Sunday, as the weekly form shows them. */
export function rulesByWeekday(rules: AvailabilityRule[]): TimeRange[][] {
  return Array.from({ length: 7 }, (_, index) =>
    rules
      .filter((rule) => rule.weekday === index + 1)
      .map(({ startTime, endTime }) => ({ startTime, endTime }))
      .sort(byStart),
  );
}

/** "09:00–12:00, 13:00–17:00", or "Closed". */
export function describeRanges(ranges: TimeRange[]): string {
  return ranges.length === 0 ? "Closed" : ranges.map((r) => `${r.startTime}–${r.endTime}`).join(", ");
}
