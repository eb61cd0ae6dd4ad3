// Builders shared by the slot tests, so each table row states only what differs.
import type { AvailabilityOverride, AvailabilityRule, BusyInterval, ComputeSlotsInput, IsoWeekday, SchedulingSettings, Slot } from "./types";

export type InputChanges = Omit<Partial<ComputeSlotsInput>, "settings"> & { settings?: Partial<SchedulingSettings> };

/** A UTC doctor seen from UTC on Monday 2026-03-02 at 06:00, 30-minute slots, one day ahead. */
export function slotInput(changes: InputChanges = {}): ComputeSlotsInput {
  const { settings, ...rest } = changes;
  return {
    rules: [],
    overrides: [],
    busy: [],
    now: new Date("2026-03-02T06:00:00Z"),
    viewerTimeZone: "UTC",
    ...rest,
    settings: { timeZone: "UTC", slotMinutes: 30, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 1, ...settings },
  };
}

export const rule = (weekday: IsoWeekday, startTime: string, endTime: string): AvailabilityRule => ({ weekday, startTime, endTime });

export const dayOff = (date: string): AvailabilityOverride => ({ date, closed: true, ranges: [] });

export const customHours = (date: string, ...ranges: [string, string][]): AvailabilityOverride => ({
  date,
  closed: false,
  ranges: ranges.map(([startTime, endTime]) => ({ startTime, endTime })),
});

export const busy = (startsAt: string, endsAt: string): BusyInterval => ({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) });

/** "YYYY-MM-DD HH:MM" in the viewer's zone: the exact list a patient would see. */
export const viewerLabels = (slots: Slot[]): string[] => slots.map((s) => `${s.viewerDate} ${s.viewerTime}`);

export const on = (date: string, ...times: string[]): string[] => times.map((time) => `${date} ${time}`);

export const instants = (slots: Slot[]): string[] => slots.map((s) => s.startsAt.toISOString());
