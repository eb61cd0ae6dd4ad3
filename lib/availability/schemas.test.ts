import { describe, expect, it } from "vitest";
import { fieldErrorsByPath } from "@/lib/errors";
import { calendarRangeSchema } from "./calendar-range";
import { dateOverrideFromFormData, schedulingSettingsFromFormData, weeklyHoursFromFormData } from "./form-data";
import { dateOverrideSchema, dayRangesSchema, schedulingSettingsSchema, weeklyHoursSchema } from "./schemas";
import { isSupportedTimeZone, timeZoneOptions } from "./time-zones";

const range = (startTime: string, endTime: string) => ({ startTime, endTime });

function errorsOf(result: { success: boolean; error?: unknown }) {
  expect(result.success).toBe(false);
  return fieldErrorsByPath(result.error as never);
}

const emptyWeek = () => Array.from({ length: 7 }, () => ({ ranges: [] as { startTime: string; endTime: string }[] }));

describe("dayRangesSchema", () => {
  it("accepts a split day and ranges that touch end to start", () => {
    expect(dayRangesSchema.safeParse([range("09:00", "12:00"), range("13:00", "17:00")]).success).toBe(true);
    expect(dayRangesSchema.safeParse([range("12:00", "13:00"), range("09:00", "12:00")]).success).toBe(true);
    expect(dayRangesSchema.safeParse([range("20:00", "24:00")]).success).toBe(true);
  });

  it("refuses an overlap on the later range's start, naming the range it overlaps, whatever the order", () => {
    expect(errorsOf(dayRangesSchema.safeParse([range("09:00", "12:00"), range("11:00", "13:00")]))).toEqual({
      "1.startTime": ["Overlaps 09:00–12:00. Ranges may touch but not overlap."],
    });
    expect(errorsOf(dayRangesSchema.safeParse([range("11:00", "13:00"), range("09:00", "12:00")]))).toEqual({
      "0.startTime": ["Overlaps 09:00–12:00. Ranges may touch but not overlap."],
    });
    // One range inside another is an overlap too.
    expect(Object.keys(errorsOf(dayRangesSchema.safeParse([range("08:00", "18:00"), range("10:00", "11:00")])))).toEqual(["1.startTime"]);
  });

  it("refuses an end at or before the start, on the end field", () => {
    expect(errorsOf(dayRangesSchema.safeParse([range("12:00", "12:00")]))).toEqual({ "0.endTime": ["End must be after start."] });
    expect(errorsOf(dayRangesSchema.safeParse([range("17:00", "09:00")]))).toEqual({ "0.endTime": ["End must be after start."] });
  });

  it("refuses malformed times without also inventing an order error", () => {
    expect(errorsOf(dayRangesSchema.safeParse([range("9:00", "12:00"), range("", "25:00")]))).toEqual({
      "0.startTime": ["Enter a time as HH:MM, e.g. 09:00."],
      "1.startTime": ["Enter a time as HH:MM, e.g. 09:00."],
      "1.endTime": ["Enter a time as HH:MM, e.g. 09:00."],
    });
    expect(errorsOf(dayRangesSchema.safeParse([range("24:00", "24:00")]))).toEqual({ "0.startTime": ["A range cannot start at 24:00."] });
  });

  it("allows six ranges a day and refuses a seventh", () => {
    const six = ["08", "10", "12", "14", "16", "18"].map((h) => range(`${h}:00`, `${h}:30`));
    expect(dayRangesSchema.safeParse(six).success).toBe(true);
    expect(errorsOf(dayRangesSchema.safeParse([...six, range("20:00", "21:00")]))).toEqual({ form: ["Use at most 6 ranges a day."] });
  });
});

describe("weeklyHoursSchema with form data", () => {
  it("reads every weekday's ranges from input names and keys errors by the same names", () => {
    const form = new FormData();
    form.set("days.0.ranges.0.startTime", "09:00");
    form.set("days.0.ranges.0.endTime", "12:00");
    form.set("days.0.ranges.1.startTime", "11:30");
    form.set("days.0.ranges.1.endTime", "13:00");
    form.set("days.6.ranges.0.startTime", "10:00");
    form.set("days.6.ranges.0.endTime", "");
    const input = weeklyHoursFromFormData(form);
    expect(input.days).toHaveLength(7);
    expect(input.days[0]!.ranges).toEqual([range("09:00", "12:00"), range("11:30", "13:00")]);
    expect(errorsOf(weeklyHoursSchema.safeParse(input))).toEqual({
      "days.0.ranges.1.startTime": ["Overlaps 09:00–12:00. Ranges may touch but not overlap."],
      "days.6.ranges.0.endTime": ["Enter a time as HH:MM, e.g. 09:00."],
    });
  });

  it("leaves out a range with neither time: the empty row a form without JavaScript offers, or a range cleared to remove it", () => {
    const form = new FormData();
    form.set("days.5.ranges.0.startTime", "");
    form.set("days.5.ranges.0.endTime", "");
    form.set("days.0.ranges.0.startTime", "09:00");
    form.set("days.0.ranges.0.endTime", "12:00");
    form.set("days.0.ranges.1.startTime", "13:00");
    form.set("days.0.ranges.1.endTime", "17:00");
    form.set("days.0.ranges.2.startTime", " ");
    form.set("days.0.ranges.2.endTime", "");
    const input = weeklyHoursFromFormData(form);
    expect(input.days[0]!.ranges).toEqual([range("09:00", "12:00"), range("13:00", "17:00")]);
    expect(input.days[5]!.ranges).toEqual([]);
    expect(weeklyHoursSchema.safeParse(input).success).toBe(true);
    // One time given is still a range, refused on the time left out.
    form.set("days.5.ranges.0.startTime", "10:00");
    expect(errorsOf(weeklyHoursSchema.safeParse(weeklyHoursFromFormData(form)))).toEqual({ "days.5.ranges.0.endTime": ["Enter a time as HH:MM, e.g. 09:00."] });
  });

  it("accepts a week with closed days and needs all seven", () => {
    const week = emptyWeek();
    week[2]!.ranges.push(range("08:00", "12:30"));
    expect(weeklyHoursSchema.safeParse({ days: week }).success).toBe(true);
    expect(weeklyHoursSchema.safeParse({ days: week.slice(0, 6) }).success).toBe(false);
  });
});

describe("dateOverrideSchema", () => {
  it("accepts a closed day and custom hours, dropping ranges of a closed day", () => {
    expect(dateOverrideSchema.parse({ date: "2030-05-01", kind: "closed", ranges: [range("09:00", "10:00")] })).toEqual({ date: "2030-05-01", kind: "closed" });
    expect(dateOverrideSchema.safeParse({ date: "2030-05-01", kind: "custom", ranges: [range("09:00", "10:00")] }).success).toBe(true);
  });

  it("refuses custom hours without a range, an impossible date and a missing choice", () => {
    expect(errorsOf(dateOverrideSchema.safeParse({ date: "2030-05-01", kind: "custom", ranges: [] }))).toEqual({
      ranges: ["Add at least one range, or choose Closed all day."],
    });
    expect(errorsOf(dateOverrideSchema.safeParse({ date: "2030-02-30", kind: "closed" }))).toEqual({ date: ["Enter a date as YYYY-MM-DD."] });
    const form = new FormData();
    form.set("date", "2030-05-01");
    expect(errorsOf(dateOverrideSchema.safeParse(dateOverrideFromFormData(form)))).toEqual({ kind: ["Choose Closed all day or Custom hours."] });
  });
});

describe("schedulingSettingsSchema", () => {
  const valid = {
    slotMinutes: "30",
    bufferMinutes: "0",
    minimumNoticeHours: "2",
    bookingHorizonDays: "60",
    timeZone: "Europe/Berlin",
    acceptingBookings: true,
  };

  it("accepts the bounds themselves and turns numbers into numbers", () => {
    expect(schedulingSettingsSchema.parse({ ...valid, slotMinutes: "10", bufferMinutes: "120", minimumNoticeHours: "720", bookingHorizonDays: "1" })).toEqual({
      slotMinutes: 10,
      bufferMinutes: 120,
      minimumNoticeHours: 720,
      bookingHorizonDays: 1,
      timeZone: "Europe/Berlin",
      acceptingBookings: true,
    });
    expect(
      schedulingSettingsSchema.parse({ ...valid, slotMinutes: "120", bufferMinutes: "0", minimumNoticeHours: "0", bookingHorizonDays: "365" }).slotMinutes,
    ).toBe(120);
  });

  it.each([
    ["slotMinutes", "9"],
    ["slotMinutes", "121"],
    ["bufferMinutes", "-1"],
    ["bufferMinutes", "121"],
    ["minimumNoticeHours", "721"],
    ["minimumNoticeHours", "1.5"],
    ["bookingHorizonDays", "0"],
    ["bookingHorizonDays", "366"],
    ["bookingHorizonDays", ""],
  ])("refuses %s = %j next to that field", (field, value) => {
    expect(Object.keys(errorsOf(schedulingSettingsSchema.safeParse({ ...valid, [field]: value })))).toEqual([field]);
  });

  it("refuses an unknown time zone and accepts UTC, listed zones and their aliases", () => {
    expect(errorsOf(schedulingSettingsSchema.safeParse({ ...valid, timeZone: "Mars/Olympus_Mons" }))).toEqual({
      timeZone: ["Choose a time zone from the list."],
    });
    expect(errorsOf(schedulingSettingsSchema.safeParse({ ...valid, timeZone: "" }))).toEqual({ timeZone: ["Choose a time zone from the list."] });
    for (const zone of ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Calcutta"]) expect(isSupportedTimeZone(zone), zone).toBe(true);
    expect(timeZoneOptions("Asia/Kolkata")).toContain("Asia/Kolkata");
  });

  it("reads an unticked checkbox as not accepting bookings", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(valid)) if (key !== "acceptingBookings") form.set(key, String(value));
    expect(schedulingSettingsFromFormData(form).acceptingBookings).toBe(false);
    form.set("acceptingBookings", "on");
    expect(schedulingSettingsFromFormData(form).acceptingBookings).toBe(true);
  });
});

describe("calendarRangeSchema", () => {
  it("accepts a week and a six-week month view, refuses reversed, empty, malformed and too-wide ranges", () => {
    expect(calendarRangeSchema.safeParse({ start: "2026-03-23", end: "2026-03-30" }).success).toBe(true);
    expect(calendarRangeSchema.safeParse({ start: "2026-02-23", end: "2026-04-06" }).success).toBe(true);
    expect(calendarRangeSchema.safeParse({ start: "2026-01-01", end: "2026-03-04" }).success).toBe(true); // 62 days
    expect(errorsOf(calendarRangeSchema.safeParse({ start: "2026-01-01", end: "2026-03-05" }))).toEqual({ end: ["Ask for at most 62 days at a time."] });
    expect(errorsOf(calendarRangeSchema.safeParse({ start: "2026-03-30", end: "2026-03-30" }))).toEqual({ end: ["end must be after start."] });
    expect(Object.keys(errorsOf(calendarRangeSchema.safeParse({ start: "yesterday", end: "2026-03-30" })))).toEqual(["start"]);
  });
});
