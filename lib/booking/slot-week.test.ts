import { describe, expect, it } from "vitest";
import { slotWeek, zonedDate } from "./slot-week";

// A horizon of 20 days from Monday 7 December 2026: times on weekdays of the first
// week, none in the second, and one day (the 22nd) in the third.
const counts = [
  { date: "2026-12-07", times: 4 },
  { date: "2026-12-08", times: 2 },
  { date: "2026-12-10", times: 1 },
  { date: "2026-12-22", times: 3 },
];
const range = { firstDate: "2026-12-07", lastDate: "2026-12-26" };

describe("slotWeek", () => {
  it("without a date shows the first free day and its week of seven days, free or not", () => {
    const week = slotWeek(counts, range);
    expect(week.date).toBe("2026-12-07");
    expect(week.days.map((day) => `${day.date.slice(8)}:${day.times}`)).toEqual(["07:4", "08:2", "09:0", "10:1", "11:0", "12:0", "13:0"]);
    expect(week.previousWeek).toBeNull();
    expect(week.nextWeek).toBe("2026-12-14");
    expect(week.nextFreeDate).toBeNull();
  });

  it("a day with no times keeps that day and names the next free one, even weeks later", () => {
    const week = slotWeek(counts, { ...range, requestedDate: "2026-12-15" });
    expect(week.date).toBe("2026-12-15");
    expect(week.nextFreeDate).toBe("2026-12-22");
    expect(week.days[0]!.date).toBe("2026-12-14");
  });

  it("steps week by week to the horizon, where the last week is cut short and has no next week", () => {
    const visited: string[] = [];
    let week = slotWeek(counts, range);
    while (week.nextWeek) {
      visited.push(week.nextWeek);
      week = slotWeek(counts, { ...range, requestedDate: week.nextWeek });
    }
    // The third week's first free day is the 22nd; the fourth would start after the horizon.
    expect(visited).toEqual(["2026-12-14", "2026-12-22"]);
    expect(week.days.map((day) => day.date)).toEqual(["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26"]);
    expect(week.previousWeek).toBe("2026-12-14");
    expect(slotWeek(counts, { ...range, requestedDate: "2026-12-14" }).previousWeek).toBe("2026-12-07");
  });

  it("ignores a date outside the horizon and has no next free day when none is left", () => {
    expect(slotWeek(counts, { ...range, requestedDate: "2027-03-01" }).date).toBe("2026-12-07");
    expect(slotWeek(counts, { ...range, requestedDate: "2026-12-06" }).date).toBe("2026-12-07");
    expect(slotWeek(counts, { ...range, requestedDate: "2026-12-23" }).nextFreeDate).toBeNull();
    expect(slotWeek([], range)).toMatchObject({ date: "2026-12-07", nextFreeDate: null });
  });
});

describe("zonedDate", () => {
  it("is the date on the wall calendar of that zone", () => {
    const instant = new Date("2026-12-07T23:30:00Z");
    expect(zonedDate(instant, "Europe/London")).toBe("2026-12-07");
    expect(zonedDate(instant, "Europe/Berlin")).toBe("2026-12-08");
    expect(zonedDate(instant, "America/New_York")).toBe("2026-12-07");
  });
});
