// Fast paths between wall clocks and instants for one zone, used by the engine's
// per-date and per-slot loops.
//
// Why they exist: the polyfill spends ~5 µs per local→instant conversion and
// ~10 µs per field read of a ZonedDateTime (BigInt arithmetic). Done naively, a
// 60-day calendar took 20+ ms; the budget is well under 5 ms.
//
// Temporal remains the only source of zone facts: it gives the instant of a
// midnight, the offset at an instant and the instant of the next transition.
// Between two transitions a zone's wall clock runs in step with absolute time,
// so within such a stretch we add elapsed minutes instead of asking again.
// Anything that touches a transition is answered by Temporal directly.
// zone-clock.test.ts compares both functions with plain Temporal across zones
// and years, including every transition.
import { Temporal } from "temporal-polyfill";
import { isoDateOfDay, plainDateOfDay } from "./calendar-days";
import { localTimeToEpochMs } from "./local-time";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DAY_MINUTES = 1440;

// What each zone's clock was found to do is kept for the process (one stretch and
// one offset period per zone, a few hundred zones at most): the booking path checks
// one start per request, and asking Temporal afresh each time was most of its cost.
// A zone's rules do not change while the process runs.
type Stretch = { firstDay: number; firstMidnightMs: number; untilMs: number };
const knownStretches = new Map<string, Stretch>();
const knownPeriods = new Map<string, OffsetPeriod>();

/** Same answer as `localTimeToEpochMs(date, minutes, timeZone)`, for an ISO day number. */
export function createLocalTimeResolver(timeZone: string): (dayNumber: number, minutes: number) => number {
  let stretch: Stretch | null = knownStretches.get(timeZone) ?? null;
  const irregularDays = new Set<number>();

  // Valid only when the whole date, both midnights included, is before the
  // next transition; a transition exactly at the next midnight (zones that
  // change at 00:00) must not count as "inside".
  function linearMidnight(dayNumber: number): number | null {
    if (!stretch || dayNumber < stretch.firstDay) return null;
    const midnight = stretch.firstMidnightMs + (dayNumber - stretch.firstDay) * DAY_MS;
    return midnight + DAY_MS < stretch.untilMs ? midnight : null;
  }

  return (dayNumber, minutes) => {
    if (!irregularDays.has(dayNumber)) {
      let midnight = linearMidnight(dayNumber);
      if (midnight === null) {
        const start = localTimeToEpochMs(plainDateOfDay(dayNumber), 0, timeZone);
        // From one millisecond before: a midnight that sits in a gap lands exactly
        // on the transition, and must see it as "next" to be treated as irregular.
        const next = Temporal.Instant.fromEpochMilliseconds(start - 1)
          .toZonedDateTimeISO(timeZone)
          .getTimeZoneTransition("next");
        stretch = { firstDay: dayNumber, firstMidnightMs: start, untilMs: next ? next.epochMilliseconds : Infinity };
        knownStretches.set(timeZone, stretch);
        midnight = linearMidnight(dayNumber);
      }
      if (midnight !== null) return midnight + minutes * MINUTE_MS;
      irregularDays.add(dayNumber);
    }
    return localTimeToEpochMs(plainDateOfDay(dayNumber), minutes, timeZone);
  };
}

export interface LocalLabel {
  date: string;
  time: string;
  offset: string;
}

interface OffsetPeriod {
  fromMs: number;
  untilMs: number;
  offsetMs: number;
  offset: string;
}

/**
 * The zone's offset at `epochMs` and how long it holds: from that instant (or an
 * earlier one asked before) until the next transition.
 */
function offsetPeriodAt(timeZone: string, epochMs: number): OffsetPeriod {
  const known = knownPeriods.get(timeZone);
  if (known && epochMs >= known.fromMs && epochMs < known.untilMs) return known;
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  const next = zoned.getTimeZoneTransition("next");
  // The lower bound is the queried instant itself: Temporal's "previous"
  // transition of an instant sitting exactly on one is the one before it.
  const untilMs = next ? next.epochMilliseconds : Infinity;
  // An earlier instant of the same period widens the known one instead of replacing it.
  const fromMs = known && known.untilMs === untilMs ? Math.min(known.fromMs, epochMs) : epochMs;
  const period = { fromMs, untilMs, offsetMs: zoned.offsetNanoseconds / 1_000_000, offset: zoned.offset };
  knownPeriods.set(timeZone, period);
  return period;
}

/** The zone's calendar date of an instant, as an ISO day number (what Temporal's toPlainDate gives). */
export function zonedDayNumberOf(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetPeriodAt(timeZone, epochMs).offsetMs) / DAY_MS);
}

/** Same labels as `Temporal.Instant…toZonedDateTimeISO(timeZone)` would give, truncated to the minute. */
export function createZoneFormatter(timeZone: string): (epochMs: number) => LocalLabel {
  let period: OffsetPeriod | null = null;
  let cachedDay = Number.NaN;
  let cachedDate = "";

  return (epochMs) => {
    if (!period || epochMs < period.fromMs || epochMs >= period.untilMs) period = offsetPeriodAt(timeZone, epochMs);
    // The offset is Temporal's; adding it is what a ZonedDateTime does internally.
    const localMinutes = Math.floor((epochMs + period.offsetMs) / MINUTE_MS);
    const dayNumber = Math.floor(localMinutes / DAY_MINUTES);
    if (dayNumber !== cachedDay) {
      cachedDay = dayNumber;
      cachedDate = isoDateOfDay(dayNumber);
    }
    return { date: cachedDate, time: formatMinutes(localMinutes - dayNumber * DAY_MINUTES), offset: period.offset };
  };
}

function formatMinutes(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${hours < 10 ? "0" : ""}${hours}:${minutes < 10 ? "0" : ""}${minutes}`;
}
