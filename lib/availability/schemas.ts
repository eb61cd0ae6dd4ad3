// Availability input, shared by the forms (checked before sending) and the
// actions (checked again, since an action is a public endpoint). Times are the
// doctor's wall clock, "HH:MM", parsed by the slot engine's own function so the
// form accepts exactly what the engine can compute with.
import { z } from "zod";
import { isValidTimeRange, parseLocalTime } from "@/lib/scheduling";
import { boundedDate } from "@/lib/validation/text";
import { isSupportedTimeZone } from "./time-zones";

export const MAX_RANGES_PER_DAY = 6;

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const SETTINGS_BOUNDS = {
  slotMinutes: { min: 10, max: 120, label: "Slot length" },
  bufferMinutes: { min: 0, max: 120, label: "Buffer between visits" },
  minimumNoticeHours: { min: 0, max: 720, label: "Minimum notice" },
  bookingHorizonDays: { min: 1, max: 365, label: "Booking horizon" },
} as const;

const localTime = z
  .string({ error: "Enter a time as HH:MM, e.g. 09:00." })
  .trim()
  .refine((value) => parseLocalTime(value) !== null, "Enter a time as HH:MM, e.g. 09:00.");

export const timeRangeSchema = z
  .object({ startTime: localTime, endTime: localTime })
  .refine((range) => range.startTime !== "24:00", { message: "A range cannot start at 24:00.", path: ["startTime"] })
  // Refinements run even when a field failed its format; only compare two real times.
  .refine((range) => !bothTimes(range) || range.startTime === "24:00" || isValidTimeRange(range), {
    message: "End must be after start.",
    path: ["endTime"],
  });

function bothTimes(range: { startTime: string; endTime: string }): boolean {
  return parseLocalTime(range.startTime) !== null && parseLocalTime(range.endTime) !== null;
}

/**
 * One date's ranges: at most six, none overlapping. Touching (12:00–13:00 then
 * 13:00–15:00) is fine: the engine merges such ranges into one stretch. The
 * overlap is reported on the later range's start, the field to fix.
 */
export const dayRangesSchema = z
  .array(timeRangeSchema)
  .max(MAX_RANGES_PER_DAY, `Use at most ${MAX_RANGES_PER_DAY} ranges a day.`)
  .superRefine((ranges, ctx) => {
    // Ranges already refused for their own shape are left out: their times mean nothing yet.
    const order = ranges
      .map((range, index) => ({ index, start: parseLocalTime(range.startTime), end: parseLocalTime(range.endTime), range }))
      .filter((r): r is typeof r & { start: number; end: number } => r.start !== null && r.end !== null && r.end > r.start)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < order.length; i++) {
      const previous = order[i - 1]!;
      const current = order[i]!;
      if (current.start < previous.end) {
        ctx.addIssue({
          code: "custom",
          path: [current.index, "startTime"],
          message: `Overlaps ${previous.range.startTime}–${previous.range.endTime}. Ranges may touch but not overlap.`,
        });
      }
    }
  });

export const weeklyHoursSchema = z.object({
  days: z.array(z.object({ ranges: dayRangesSchema })).length(7, "Send all seven weekdays."),
});

const isoDate = boundedDate({ error: "Enter a date as YYYY-MM-DD." });

export const dateOverrideSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ date: isoDate, kind: z.literal("closed") }),
    z.object({
      date: isoDate,
      kind: z.literal("custom"),
      ranges: dayRangesSchema.min(1, "Add at least one range, or choose Closed all day."),
    }),
  ],
  { error: "Choose Closed all day or Custom hours." },
);

export const deleteOverrideSchema = z.object({ overrideId: z.uuid({ error: "That override could not be found." }) });

function wholeNumberIn(name: keyof typeof SETTINGS_BOUNDS) {
  const { min, max, label } = SETTINGS_BOUNDS[name];
  const message = `${label} must be a whole number from ${min} to ${max}.`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

export const schedulingSettingsSchema = z.object({
  slotMinutes: wholeNumberIn("slotMinutes"),
  bufferMinutes: wholeNumberIn("bufferMinutes"),
  minimumNoticeHours: wholeNumberIn("minimumNoticeHours"),
  bookingHorizonDays: wholeNumberIn("bookingHorizonDays"),
  timeZone: z.string({ error: "Choose a time zone from the list." }).refine(isSupportedTimeZone, "Choose a time zone from the list."),
  acceptingBookings: z.boolean({ error: "Say whether you accept new bookings." }),
});

export type TimeRangeInput = z.infer<typeof timeRangeSchema>;
export type WeeklyHoursInput = z.infer<typeof weeklyHoursSchema>;
export type DateOverrideInput = z.infer<typeof dateOverrideSchema>;
export type SchedulingSettingsInput = z.infer<typeof schedulingSettingsSchema>;
