import { describe, expect, it } from "vitest";
import { openIntervals, type OpenIntervalsInput } from "./open-intervals";
import type { AvailabilityOverride, AvailabilityRule } from "./types";

// 2026-03-02 is a Monday, 2026-03-03 a Tuesday.
const MONDAY_AND_TUESDAY: AvailabilityRule[] = [
  { weekday: 1, startTime: "09:00", endTime: "12:00" },
  { weekday: 1, startTime: "14:00", endTime: "16:00" },
  { weekday: 2, startTime: "10:00", endTime: "11:00" },
];

function intervals(input: Partial<OpenIntervalsInput>): string[] {
  return openIntervals({
    rules: MONDAY_AND_TUESDAY,
    overrides: [],
    timeZone: "UTC",
    fromDate: "2026-03-02",
    toDate: "2026-03-04",
    ...input,
  }).map((i) => `${i.date} ${i.startsAt.toISOString().slice(11, 16)}–${i.endsAt.toISOString().slice(11, 16)}`);
}

const closed = (date: string): AvailabilityOverride => ({ date, closed: true, ranges: [] });
const hours = (date: string, ...ranges: [string, string][]): AvailabilityOverride => ({
  date,
  closed: false,
  ranges: ranges.map(([startTime, endTime]) => ({ startTime, endTime })),
});

describe("openIntervals", () => {
  it.each<[string, Partial<OpenIntervalsInput>, string[]]>([
    ["weekday rules, several ranges a day, a day without rules", {}, ["2026-03-02 09:00–12:00", "2026-03-02 14:00–16:00", "2026-03-03 10:00–11:00"]],
    ["a closed override removes the whole date", { overrides: [closed("2026-03-02")] }, ["2026-03-03 10:00–11:00"]],
    [
      "custom hours replace the weekday's rules rather than adding to them",
      { overrides: [hours("2026-03-02", ["07:00", "08:00"])] },
      ["2026-03-02 07:00–08:00", "2026-03-03 10:00–11:00"],
    ],
    [
      "custom hours open a day that has no rules",
      { overrides: [hours("2026-03-04", ["10:00", "10:30"])] },
      ["2026-03-02 09:00–12:00", "2026-03-02 14:00–16:00", "2026-03-03 10:00–11:00", "2026-03-04 10:00–10:30"],
    ],
    ["an override with no ranges is a closed day", { overrides: [hours("2026-03-03")] }, ["2026-03-02 09:00–12:00", "2026-03-02 14:00–16:00"]],
    [
      "duplicate overrides: closed wins",
      { overrides: [hours("2026-03-03", ["08:00", "09:00"]), closed("2026-03-03")] },
      ["2026-03-02 09:00–12:00", "2026-03-02 14:00–16:00"],
    ],
    [
      "overlapping and touching ranges of one date merge; order does not matter",
      {
        rules: [
          { weekday: 1, startTime: "11:00", endTime: "13:00" },
          { weekday: 1, startTime: "09:00", endTime: "11:30" },
          { weekday: 1, startTime: "13:00", endTime: "14:00" },
          { weekday: 1, startTime: "15:00", endTime: "16:00" },
        ],
      },
      ["2026-03-02 09:00–14:00", "2026-03-02 15:00–16:00"],
    ],
    [
      "24:00 ends at the next midnight and does not merge with the next date",
      {
        rules: [
          { weekday: 1, startTime: "22:00", endTime: "24:00" },
          { weekday: 2, startTime: "00:00", endTime: "01:00" },
        ],
      },
      ["2026-03-02 22:00–00:00", "2026-03-03 00:00–01:00"],
    ],
  ])("%s", (_name, input, expected) => {
    expect(intervals(input)).toEqual(expected);
  });

  it.each([
    // Berlin 2026-03-29: 02:00–03:00 does not exist. 2026-10-25: 02:00–03:00 happens twice.
    ["01:00", "04:00", "2026-03-29", "2026-03-29T00:00:00.000Z", "2026-03-29T02:00:00.000Z"],
    ["01:00", "04:00", "2026-10-25", "2026-10-24T23:00:00.000Z", "2026-10-25T03:00:00.000Z"],
    ["09:00", "17:00", "2026-03-29", "2026-03-29T07:00:00.000Z", "2026-03-29T15:00:00.000Z"],
    ["02:00", "02:30", "2026-03-29", "2026-03-29T01:00:00.000Z", "2026-03-29T01:30:00.000Z"], // both ends shift to 03:00–03:30
  ])("Europe/Berlin %s–%s on %s is %s → %s in absolute time", (startTime, endTime, date, start, end) => {
    const [interval, ...rest] = openIntervals({
      rules: [],
      overrides: [hours(date, [startTime, endTime])],
      timeZone: "Europe/Berlin",
      fromDate: date,
      toDate: date,
    });
    expect(rest).toEqual([]);
    expect(interval?.startsAt.toISOString()).toBe(start);
    expect(interval?.endsAt.toISOString()).toBe(end);
  });

  it("drops a range that a spring-forward gap empties (02:30–03:00 → 03:30–03:00)", () => {
    expect(
      openIntervals({
        rules: [],
        overrides: [hours("2026-03-29", ["02:30", "03:00"])],
        timeZone: "Europe/Berlin",
        fromDate: "2026-03-29",
        toDate: "2026-03-29",
      }),
    ).toEqual([]);
  });

  it.each<[string, Partial<OpenIntervalsInput>]>([
    ["a malformed time", { rules: [{ weekday: 1, startTime: "9:00", endTime: "12:00" }] }],
    ["an end before its start", { rules: [{ weekday: 1, startTime: "12:00", endTime: "09:00" }] }],
    ["a weekday outside 1–7", { rules: [{ weekday: 0 as 1, startTime: "09:00", endTime: "12:00" }] }],
    ["an impossible override date", { overrides: [closed("2026-02-30")] }],
    ["an unknown zone", { timeZone: "Nowhere/Special" }],
  ])("throws a RangeError on %s", (_name, input) => {
    expect(() => intervals(input)).toThrow(RangeError);
  });
});
