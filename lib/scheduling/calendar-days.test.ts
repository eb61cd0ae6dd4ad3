import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { isoDateOfDay, isoDayNumber, isoWeekdayOfDay, plainDateOfDay } from "./calendar-days";

describe("ISO day numbers", () => {
  it.each([
    ["1970-01-01", 0, 4],
    ["2026-03-02", 20514, 1],
    ["2026-03-29", 20541, 7],
    ["2028-02-29", 21243, 2],
  ])("%s is day %i, weekday %i", (date, dayNumber, weekday) => {
    expect(isoDayNumber(date)).toBe(dayNumber);
    expect(isoDateOfDay(dayNumber)).toBe(date);
    expect(isoWeekdayOfDay(dayNumber)).toBe(weekday);
  });

  it("agrees with Temporal for every date from 1999 to 2101", () => {
    const mismatches: string[] = [];
    let date = Temporal.PlainDate.from("1999-01-01");
    for (let day = isoDayNumber(date); date.year <= 2101; day++, date = date.add({ days: 1 })) {
      const same =
        isoDayNumber(date) === day && isoDateOfDay(day) === date.toString() && isoWeekdayOfDay(day) === date.dayOfWeek && plainDateOfDay(day).equals(date);
      if (!same) mismatches.push(date.toString());
    }
    expect(mismatches).toEqual([]);
  });

  it("rejects a date that does not exist", () => {
    expect(() => isoDayNumber("2026-02-30")).toThrow(RangeError);
  });
});
