import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { isValidTimeRange, isValidTimeZone, localTimeToEpochMs, parseLocalTime, parseTimeRange } from "./local-time";

describe("parseLocalTime", () => {
  it.each([
    ["00:00", 0],
    ["09:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
    ["9:30", null],
    ["24:30", null],
    ["12:60", null],
    ["12:5", null],
    ["", null],
    ["09:30:00", null],
  ])("%j → %j", (value, minutes) => {
    expect(parseLocalTime(value)).toBe(minutes);
  });
});

describe("isValidTimeRange", () => {
  it.each([
    ["09:00", "17:00", true],
    ["00:00", "24:00", true],
    ["23:30", "24:00", true],
    ["09:00", "09:00", false],
    ["17:00", "09:00", false],
    ["24:00", "24:00", false],
    ["09:00", "25:00", false],
  ])("%s–%s → %s", (startTime, endTime, valid) => {
    expect(isValidTimeRange({ startTime, endTime })).toBe(valid);
  });

  it("parseTimeRange throws on an invalid range instead of guessing", () => {
    expect(() => parseTimeRange({ startTime: "17:00", endTime: "09:00" })).toThrow(RangeError);
  });
});

describe("isValidTimeZone", () => {
  it.each([
    ["Europe/Berlin", true],
    ["Asia/Kolkata", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("%j → %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe("localTimeToEpochMs (compatible disambiguation)", () => {
  const iso = (date: string, minutes: number, zone: string) => new Date(localTimeToEpochMs(Temporal.PlainDate.from(date), minutes, zone)).toISOString();

  it.each([
    ["ordinary Berlin winter morning", "2026-03-02", 9 * 60, "Europe/Berlin", "2026-03-02T08:00:00.000Z"],
    ["spring-forward gap moves later", "2026-03-29", 2 * 60 + 30, "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["first real time after the gap", "2026-03-29", 3 * 60, "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    ["repeated hour takes the earlier", "2026-10-25", 2 * 60 + 30, "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["24:00 is next midnight", "2026-03-02", 1440, "Europe/Berlin", "2026-03-02T23:00:00.000Z"],
    ["24:00 across the spring change", "2026-03-28", 1440, "Europe/Berlin", "2026-03-28T23:00:00.000Z"],
    ["+05:30 zone", "2026-03-02", 9 * 60, "Asia/Kolkata", "2026-03-02T03:30:00.000Z"],
    ["New York gap", "2026-03-08", 2 * 60 + 30, "America/New_York", "2026-03-08T07:30:00.000Z"],
    ["New York repeated hour", "2026-11-01", 90, "America/New_York", "2026-11-01T05:30:00.000Z"],
  ])("%s", (_name, date, minutes, zone, expected) => {
    expect(iso(date, minutes, zone)).toBe(expected);
  });
});
