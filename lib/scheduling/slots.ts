/**
 * The slot engine. Pure: no database, no framework, no clock — `now` comes in.
 *
 * Semantics (the booking service and the pages rely on every line):
 * - Open time of a doctor-local calendar date is the override for that date if
 *   there is one (closed → nothing; otherwise its ranges), else the rules of
 *   that weekday. A date may have several ranges; overlapping or touching
 *   ranges of one date merge into one interval. Dates never merge.
 * - A local "HH:MM" becomes an instant with Temporal's "compatible"
 *   disambiguation: a time inside a spring-forward gap moves to the later real
 *   time, a time in a repeated fall-back hour takes the earlier occurrence.
 * - Slots are cut in ABSOLUTE time from an interval's start instant to its end
 *   instant: 01:00–04:00 in Europe/Berlin is 2 real hours on the spring-forward
 *   day and 4 on the fall-back day (02:00 and 02:30 then appear twice, with
 *   different offsets); 09:00–17:00 is 8 hours on both.
 * - Starts step by slotMinutes + bufferMinutes from the interval's start; a slot
 *   must end within the interval (its trailing buffer need not).
 * - A slot is free when no busy interval overlaps [start − buffer, end + buffer),
 *   half-open, so with no buffer a slot may touch an appointment. Busy time
 *   outside open hours (a visit that began early or runs late) still counts.
 * - A slot is offered when start ≥ now + minimumNoticeMinutes and
 *   start < now + horizonDays × 24 h. Notice is never negative, so past slots
 *   never appear. `from`/`to` narrow this to starts in [from, to) and never
 *   move the grid: the same start is offered whatever window is asked for.
 * - Output is sorted by start. Labels are given in the viewer's zone (with its
 *   offset) and the doctor's zone.
 */
import { isoDateOfDay } from "./calendar-days";
import { rawOpenIntervals, type RawInterval } from "./open-intervals";
import { createZoneFormatter, zonedDayNumberOf } from "./zone-clock";
import type { ComputeSlotsInput, SchedulingSettings, Slot } from "./types";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function computeSlots(input: ComputeSlotsInput): Slot[] {
  const starts = offeredStarts(input);
  if (starts.length === 0) return [];
  const label = slotLabeller(input.settings, input.viewerTimeZone);
  return starts.map(label);
}

/** computeSlots' starts (epoch ms), without the labels: what isSlotOffered needs, and no zone formatting. */
function offeredStarts(input: ComputeSlotsInput): number[] {
  const settings = checkedSettings(input.settings);
  const window = offerWindow(input);
  if (window.start >= window.end) return [];

  const intervals = rawOpenIntervals({
    rules: input.rules,
    overrides: input.overrides,
    timeZone: settings.timeZone,
    fromDate: isoDateOfDay(zonedDayNumberOf(window.start, settings.timeZone)),
    toDate: isoDateOfDay(zonedDayNumberOf(window.end - 1, settings.timeZone)),
  });
  return freeStarts(intervals, input.busy, settings, window);
}

/** The slot starting at `startsAt`, labelled as computeSlots labels it (for a start the engine gave earlier). */
export function slotAt(startsAt: Date, settings: Pick<SchedulingSettings, "timeZone" | "slotMinutes">, viewerTimeZone: string): Slot {
  return slotLabeller(settings, viewerTimeZone)(startsAt.getTime());
}

function slotLabeller(settings: Pick<SchedulingSettings, "timeZone" | "slotMinutes">, viewerTimeZone: string): (start: number) => Slot {
  const slotMs = settings.slotMinutes * MINUTE_MS;
  const viewerLabel = createZoneFormatter(viewerTimeZone);
  const doctorLabel = createZoneFormatter(settings.timeZone);
  return (start) => {
    const viewer = viewerLabel(start);
    const doctor = doctorLabel(start);
    return {
      startsAt: new Date(start),
      endsAt: new Date(start + slotMs),
      viewerDate: viewer.date,
      viewerTime: viewer.time,
      viewerOffset: viewer.offset,
      doctorDate: doctor.date,
      doctorTime: doctor.time,
    };
  };
}

/** True exactly when `computeSlots(input)` contains a slot starting at `startsAt`. */
export function isSlotOffered(input: ComputeSlotsInput, startsAt: Date): boolean {
  const start = startsAt.getTime();
  if (!Number.isFinite(start)) return false;
  // Narrowing the window to this one millisecond computes a single date.
  const from = Math.max(start, input.from?.getTime() ?? start);
  const to = Math.min(start + 1, input.to?.getTime() ?? start + 1);
  if (from >= to) return false;
  return offeredStarts({ ...input, from: new Date(from), to: new Date(to) }).includes(start);
}

/** Groups by the viewer's date, dates ascending, slots keeping their order. */
export function groupSlotsByViewerDate(slots: Slot[]): { date: string; slots: Slot[] }[] {
  // A Map rather than "start a new group when the date changes": where a zone
  // falls back across midnight the viewer's date can step backwards.
  const groups = new Map<string, Slot[]>();
  for (const slot of slots) {
    const group = groups.get(slot.viewerDate);
    if (group) group.push(slot);
    else groups.set(slot.viewerDate, [slot]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, grouped]) => ({ date, slots: grouped }));
}

interface Window {
  start: number;
  end: number;
}

function offerWindow(input: ComputeSlotsInput): Window {
  const now = input.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError("now is not a valid date");
  const { minimumNoticeMinutes, horizonDays } = input.settings;
  let start = now + minimumNoticeMinutes * MINUTE_MS;
  let end = now + horizonDays * DAY_MS;
  if (input.from) start = Math.max(start, input.from.getTime());
  if (input.to) end = Math.min(end, input.to.getTime());
  // An invalid from/to yields NaN; treat it as an empty window rather than everything.
  if (Number.isNaN(start) || Number.isNaN(end)) return { start: 0, end: 0 };
  return { start, end };
}

/**
 * Grid starts that are inside the window and clear of busy time. Busy intervals
 * are merged once into a sorted disjoint list; since starts only increase, one
 * pointer sweeps it — O(slots + busy · log busy), never slots × busy.
 */
function freeStarts(intervals: RawInterval[], busyIntervals: ComputeSlotsInput["busy"], settings: SchedulingSettings, window: Window): number[] {
  const slotMs = settings.slotMinutes * MINUTE_MS;
  const bufferMs = settings.bufferMinutes * MINUTE_MS;
  const stepMs = slotMs + bufferMs;
  const busy = mergedBusy(busyIntervals);
  let pointer = 0;
  let lastGuard = Number.NEGATIVE_INFINITY;
  const starts: number[] = [];

  // Sorted for the sweep. Dates follow each other in absolute time in every real
  // zone, but a DST gap straddling midnight could in theory reorder them.
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    const skipped = Math.max(0, Math.ceil((window.start - interval.start) / stepMs));
    for (let start = interval.start + skipped * stepMs; start + slotMs <= interval.end && start < window.end; start += stepMs) {
      const guardStart = start - bufferMs;
      if (guardStart < lastGuard) pointer = 0; // only after such a reordering
      lastGuard = guardStart;
      while (pointer < busy.length && busy[pointer]!.end <= guardStart) pointer++;
      const blocker = busy[pointer];
      if (!blocker || blocker.start >= start + slotMs + bufferMs) starts.push(start);
    }
  }
  return starts;
}

function mergedBusy(busyIntervals: ComputeSlotsInput["busy"]): { start: number; end: number }[] {
  const sorted = busyIntervals
    .map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() }))
    .filter((b) => b.end > b.start) // also drops NaN from invalid dates
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const b of sorted) {
    const last = merged[merged.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else merged.push({ ...b });
  }
  return merged;
}

function checkedSettings(settings: SchedulingSettings): SchedulingSettings {
  const { slotMinutes, bufferMinutes, minimumNoticeMinutes, horizonDays } = settings;
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) throw new RangeError("slotMinutes must be a positive integer");
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0) throw new RangeError("bufferMinutes must be a non-negative integer");
  if (!Number.isFinite(minimumNoticeMinutes) || minimumNoticeMinutes < 0) throw new RangeError("minimumNoticeMinutes must be ≥ 0");
  if (!Number.isFinite(horizonDays) || horizonDays < 0) throw new RangeError("horizonDays must be ≥ 0");
  return settings;
}
