import { Temporal } from "temporal-polyfill";
import { isoDateOfDay, isoDayNumber, isoWeekdayOfDay } from "./calendar-days";
import { parseTimeRange } from "./local-time";
import { createLocalTimeResolver } from "./zone-clock";
import type { AvailabilityOverride, AvailabilityRule, OpenInterval, TimeRange } from "./types";

export interface OpenIntervalsInput {
  rules: AvailabilityRule[];
  overrides: AvailabilityOverride[];
  timeZone: string;
  /** Inclusive doctor-local dates, "YYYY-MM-DD". */
  fromDate: string;
  toDate: string;
}

/** Internal form: epoch milliseconds, so the slot loop does no Date allocation. */
export interface RawInterval {
  date: string;
  start: number;
  end: number;
}

type ParsedRange = { start: number; end: number };

/** Open time of each doctor-local date in [fromDate, toDate], as absolute intervals. */
export function openIntervals(input: OpenIntervalsInput): OpenInterval[] {
  return rawOpenIntervals(input).map((interval) => ({
    date: interval.date,
    startsAt: new Date(interval.start),
    endsAt: new Date(interval.end),
  }));
}

export function rawOpenIntervals(input: OpenIntervalsInput): RawInterval[] {
  const byWeekday = rulesByWeekday(input.rules);
  const byDate = overridesByDate(input.overrides);
  const toEpochMs = createLocalTimeResolver(input.timeZone);
  const lastDay = isoDayNumber(input.toDate);
  const result: RawInterval[] = [];

  for (let day = isoDayNumber(input.fromDate); day <= lastDay; day++) {
    const key = isoDateOfDay(day);
    const ranges = byDate.get(key) ?? byWeekday[isoWeekdayOfDay(day)]!;
    if (ranges.length === 0) continue;
    const intervals = ranges.map((range) => ({
      date: key,
      start: toEpochMs(day, range.start),
      end: toEpochMs(day, range.end),
    }));
    result.push(...mergeIntervals(intervals));
  }
  return result;
}

/**
 * Merges the overlapping or touching intervals of ONE date, so the slot grid runs
 * continuously through e.g. 09:00–12:00 + 12:00–15:00. Dates are never merged
 * with each other: each date's grid starts at its own first open minute whatever
 * window is asked for, which keeps `isSlotOffered` and `computeSlots` in agreement.
 * Intervals emptied by a DST gap (02:30–03:00 on a spring-forward night) vanish.
 */
function mergeIntervals(intervals: RawInterval[]): RawInterval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: RawInterval[] = [];
  for (const interval of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && interval.start <= previous.end) {
      previous.end = Math.max(previous.end, interval.end);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

function rulesByWeekday(rules: AvailabilityRule[]): ParsedRange[][] {
  const byWeekday: ParsedRange[][] = [[], [], [], [], [], [], [], []];
  for (const rule of rules) {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      throw new RangeError(`Invalid weekday ${rule.weekday}`);
    }
    byWeekday[rule.weekday]!.push(parseTimeRange(rule));
  }
  return byWeekday;
}

/**
 * One entry per date. Dates should be unique (the table says so); if two
 * overrides share one anyway, closed wins, else their ranges are united — the
 * choice that never offers time a doctor closed.
 */
function overridesByDate(overrides: AvailabilityOverride[]): Map<string, ParsedRange[]> {
  const byDate = new Map<string, ParsedRange[]>();
  const closed = new Set<string>();
  for (const override of overrides) {
    const key = Temporal.PlainDate.from(override.date).toString();
    if (override.closed) closed.add(key);
    const ranges = override.closed ? [] : override.ranges.map((r: TimeRange) => parseTimeRange(r));
    byDate.set(key, [...(byDate.get(key) ?? []), ...ranges]);
  }
  for (const key of closed) byDate.set(key, []);
  return byDate;
}
