import { describe, expect, it } from "vitest";
import { isoDateOf, quietWeekendDays, rangesAfterEdit, rangesWithout, timeOnDate, visibleHours, wallClockAsUtc } from "./calendar-grid-time";
import type { CalendarData } from "./calendar-range";

describe("the grid's wall clock written as UTC", () => {
  it("writes a date's local time with Z, and 24:00 as the next date's midnight, across month and year ends", () => {
    expect(wallClockAsUtc("2026-03-29", "02:30")).toBe("2026-03-29T02:30:00Z"); // a time Berlin skips: drawn as written
    expect(wallClockAsUtc("2026-03-31", "24:00")).toBe("2026-04-01T00:00:00Z");
    expect(wallClockAsUtc("2026-12-31", "24:00")).toBe("2027-01-01T00:00:00Z");
  });

  it("reads a dragged block back as the date's HH:MM, with midnight after the date as 24:00", () => {
    expect(timeOnDate(new Date("2026-03-29T19:15:00Z"), "2026-03-29")).toBe("19:15");
    expect(timeOnDate(new Date("2026-03-30T00:00:00Z"), "2026-03-29")).toBe("24:00");
    // Anything else on another date means the block left its date: refused.
    expect(timeOnDate(new Date("2026-03-30T00:15:00Z"), "2026-03-29")).toBeNull();
    expect(timeOnDate(new Date("2026-03-28T23:45:00Z"), "2026-03-29")).toBeNull();
    expect(isoDateOf(new Date("2026-03-29T23:59:00Z"))).toBe("2026-03-29");
  });

  it("round-trips every quarter hour of a day", () => {
    for (let minutes = 0; minutes < 1440; minutes += 15) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
      expect(timeOnDate(new Date(wallClockAsUtc("2026-10-25", time)), "2026-10-25")).toBe(time);
    }
  });
});

describe("rangesAfterEdit", () => {
  it("replaces the edited range, keeps the others and sorts them", () => {
    const day = {
      date: "2026-05-04",
      source: "weekly" as const,
      closed: false,
      ranges: [
        { startTime: "09:00", endTime: "12:00" },
        { startTime: "13:00", endTime: "17:00" },
      ],
    };
    expect(rangesAfterEdit(day, 1, { startTime: "07:00", endTime: "08:30" })).toEqual([
      { startTime: "07:00", endTime: "08:30" },
      { startTime: "09:00", endTime: "12:00" },
    ]);
  });
});

describe("visibleHours", () => {
  const data = (days: CalendarData["days"], appointments: Partial<CalendarData["appointments"][number]>[] = []) =>
    ({ timeZone: "UTC", range: { start: "2026-05-04", end: "2026-05-05" }, days, appointments }) as CalendarData;

  it("shows at least 07:00–20:00, widened to an hour around early or late hours and visits", () => {
    expect(visibleHours(undefined)).toEqual({ slotMinTime: "07:00:00", slotMaxTime: "20:00:00" });
    const hours = data([{ date: "2026-05-04", source: "weekly", closed: false, ranges: [{ startTime: "06:30", endTime: "21:15" }], skipped: [] }]);
    expect(visibleHours(hours)).toEqual({ slotMinTime: "05:00:00", slotMaxTime: "23:00:00" });
    const night = data([], [{ localStart: "2026-05-04T00:30:00", localEnd: "2026-05-05T00:10:00" }]);
    expect(visibleHours(night)).toEqual({ slotMinTime: "00:00:00", slotMaxTime: "24:00:00" });
  });
});

describe("quietWeekendDays: the weekend days the week view leaves out", () => {
  // The week of Monday 4 May 2026; the doctor works Monday to Friday, 09:00–17:00.
  const week = (extra: { saturday?: boolean; sunday?: boolean } = {}) =>
    ["2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07", "2026-05-08", "2026-05-09", "2026-05-10"].map((date, i) => {
      const open = i < 5 || (i === 5 && extra.saturday) || (i === 6 && extra.sunday);
      return { date, source: "weekly" as const, closed: !open, ranges: open ? [{ startTime: "09:00", endTime: "17:00" }] : [], skipped: [] };
    });
  const data = (days: CalendarData["days"], appointments: Partial<CalendarData["appointments"][number]>[] = []) =>
    ({ timeZone: "Europe/Berlin", range: { start: "2026-05-04", end: "2026-05-11" }, days, appointments }) as CalendarData;

  it("leaves out Saturday and Sunday when neither has hours or visits", () => {
    expect(quietWeekendDays(data(week()))).toEqual([6, 0]);
  });

  it("keeps a weekend day that has open hours (weekly or one date's override)", () => {
    expect(quietWeekendDays(data(week({ saturday: true })))).toEqual([0]);
    expect(quietWeekendDays(data(week({ saturday: true, sunday: true })))).toEqual([]);
  });

  it("keeps a weekend day with a visit on it, even outside the hours, and the day a night visit ends on", () => {
    expect(quietWeekendDays(data(week(), [{ localStart: "2026-05-10T11:00:00", localEnd: "2026-05-10T11:30:00" }]))).toEqual([6]);
    expect(quietWeekendDays(data(week(), [{ localStart: "2026-05-08T23:30:00", localEnd: "2026-05-09T00:15:00" }]))).toEqual([0]);
  });

  it("knows nothing before the data is loaded", () => {
    expect(quietWeekendDays(undefined)).toBeUndefined();
  });
});

describe("rangesWithout: open hours less the times the zone skips, as the grid draws them", () => {
  const r = (startTime: string, endTime: string) => ({ startTime, endTime });

  it("splits hours that span Berlin's skipped 02:00–03:00 around it, so that hour is never drawn open", () => {
    expect(rangesWithout([r("00:00", "06:00")], [r("02:00", "03:00")])).toEqual([r("00:00", "02:00"), r("03:00", "06:00")]);
  });

  it("trims hours that start or end inside the skipped time, and drops hours wholly inside it", () => {
    expect(rangesWithout([r("02:30", "08:00")], [r("02:00", "03:00")])).toEqual([r("03:00", "08:00")]);
    expect(rangesWithout([r("01:00", "02:30")], [r("02:00", "03:00")])).toEqual([r("01:00", "02:00")]);
    expect(rangesWithout([r("02:00", "03:00")], [r("02:00", "03:00")])).toEqual([]);
    expect(rangesWithout([r("09:00", "17:00")], [r("00:00", "24:00")])).toEqual([]);
  });

  it("keeps hours that only touch or miss the skipped time, and every range when nothing is skipped", () => {
    const day = [r("00:00", "02:00"), r("03:00", "12:00"), r("13:00", "24:00")];
    expect(rangesWithout(day, [r("02:00", "03:00")])).toEqual(day);
    expect(rangesWithout(day, [])).toEqual(day);
  });
});
