// The slot engine's vocabulary. Plain data only, so the booking service, the
// pages and the tests can build inputs without touching the database.

/** 1 = Monday … 7 = Sunday, as Temporal's `dayOfWeek`. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local wall-clock "HH:MM" in the doctor's zone; end > start; "24:00" is allowed as an end. */
export interface TimeRange {
  startTime: string;
  endTime: string;
}

export interface AvailabilityRule extends TimeRange {
  weekday: IsoWeekday;
}

/**
 * One doctor-local calendar date. `closed` removes every hour of that date;
 * otherwise `ranges` replace that weekday's rules for the date.
 */
export interface AvailabilityOverride {
  date: string;
  closed: boolean;
  ranges: TimeRange[];
}

/** An active appointment (or hold). It may lie partly or wholly outside open hours. */
export interface BusyInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface SchedulingSettings {
  /** The doctor's IANA zone; rules and overrides are read in it. */
  timeZone: string;
  slotMinutes: number;
  bufferMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
}

export interface Slot {
  /** UTC instants. */
  startsAt: Date;
  endsAt: Date;
  /** "YYYY-MM-DD" and "HH:MM" in the viewer's zone. */
  viewerDate: string;
  viewerTime: string;
  /** e.g. "+05:30"; tells apart the two 01:30s of a fall-back night. */
  viewerOffset: string;
  /** The same instant in the doctor's zone. */
  doctorDate: string;
  doctorTime: string;
}

export interface ComputeSlotsInput {
  rules: AvailabilityRule[];
  overrides: AvailabilityOverride[];
  busy: BusyInterval[];
  settings: SchedulingSettings;
  now: Date;
  viewerTimeZone: string;
  /** Optional window on slot STARTS, [from, to), clipped to [now + notice, now + horizon). */
  from?: Date;
  to?: Date;
}

/** A continuous stretch of open time, in absolute time, belonging to one doctor-local date. */
export interface OpenInterval {
  date: string;
  startsAt: Date;
  endsAt: Date;
}
