// The public face of the slot engine; callers import from "@/lib/scheduling" only.
export type {
  AvailabilityOverride,
  AvailabilityRule,
  BusyInterval,
  ComputeSlotsInput,
  IsoWeekday,
  OpenInterval,
  SchedulingSettings,
  Slot,
  TimeRange,
} from "./types";
export { computeSlots, groupSlotsByViewerDate, isSlotOffered, slotAt } from "./slots";
export { openIntervals, type OpenIntervalsInput } from "./open-intervals";
export { isValidTimeRange, isValidTimeZone, parseLocalTime } from "./local-time";
