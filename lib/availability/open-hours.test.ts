import { describe, expect, it } from "vitest";
import { describeRanges, groupOverrideRows, hoursByDate, rulesByWeekday } from "./open-hours";

const rules = [
  { weekday: 1 as const, startTime: "13:00", endTime: "17:00" },
  { weekday: 1 as const, startTime: "09:00", endTime: "12:00" },
  { weekday: 3 as const, startTime: "08:00", endTime: "12:30" },
];

describe("hoursByDate", () => {
  it("gives each date its weekday's ranges, unless an override replaces them", () => {
    // 2026-03-30 is a Monday; the week crosses Europe's spring-forward night, which wall-clock hours ignore.
    const overrides = [
      { date: "2026-04-01", closed: true, ranges: [] },
      { date: "2026-04-04", closed: false, ranges: [{ startTime: "10:00", endTime: "12:00" }] },
    ];
    expect(hoursByDate(rules, overrides, "2026-03-30", "2026-04-06")).toEqual([
      {
        date: "2026-03-30",
        source: "weekly",
        closed: false,
        ranges: [
          { startTime: "09:00", endTime: "12:00" },
          { startTime: "13:00", endTime: "17:00" },
        ],
      },
      { date: "2026-03-31", source: "weekly", closed: false, ranges: [] },
      { date: "2026-04-01", source: "override", closed: true, ranges: [] },
      { date: "2026-04-02", source: "weekly", closed: false, ranges: [] },
      { date: "2026-04-03", source: "weekly", closed: false, ranges: [] },
      { date: "2026-04-04", source: "override", closed: false, ranges: [{ startTime: "10:00", endTime: "12:00" }] },
      { date: "2026-04-05", source: "weekly", closed: false, ranges: [] },
    ]);
  });

  it("is empty for an empty range and runs across month and year ends", () => {
    expect(hoursByDate(rules, [], "2026-03-30", "2026-03-30")).toEqual([]);
    expect(hoursByDate(rules, [], "2025-12-29", "2026-01-02").map((d) => d.date)).toEqual(["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01"]);
  });
});

describe("groupOverrideRows", () => {
  it("makes one override per date with sorted ranges, keeping the first row's id", () => {
    const rows = [
      { id: "a", date: "2026-05-02", closed: false, startTime: "14:00", endTime: "16:00" },
      { id: "b", date: "2026-05-02", closed: false, startTime: "09:00", endTime: "11:00" },
      { id: "c", date: "2026-05-01", closed: true, startTime: null, endTime: null },
    ];
    expect(groupOverrideRows(rows)).toEqual([
      { id: "c", date: "2026-05-01", closed: true, ranges: [] },
      {
        id: "a",
        date: "2026-05-02",
        closed: false,
        ranges: [
          { startTime: "09:00", endTime: "11:00" },
          { startTime: "14:00", endTime: "16:00" },
        ],
      },
    ]);
  });
});

describe("rulesByWeekday and describeRanges", () => {
  it("lists Monday..Sunday and says Closed for a day without hours", () => {
    const week = rulesByWeekday(rules);
    expect(week).toHaveLength(7);
    expect(describeRanges(week[0]!)).toBe("09:00–12:00, 13:00–17:00");
    expect(describeRanges(week[2]!)).toBe("08:00–12:30");
    expect(describeRanges(week[6]!)).toBe("Closed");
  });
});
