import { describe, expect, it } from "vitest";
import { calendarWeek } from "./calendar-week";

describe("calendarWeek: the Monday-to-Sunday week the calendar page shows", () => {
  it("is the week holding today on the doctor's clock, not the server's", () => {
    // Sunday 23:30 in London is already Monday 00:30 in Berlin: Berlin's new week has begun.
    const lateSunday = new Date("2026-12-13T23:30:00Z");
    expect(calendarWeek(undefined, "Europe/London", lateSunday)).toEqual({
      start: "2026-12-07",
      end: "2026-12-14",
      previous: "2026-11-30",
      next: "2026-12-14",
    });
    expect(calendarWeek(undefined, "Europe/Berlin", lateSunday)).toMatchObject({ start: "2026-12-14", end: "2026-12-21" });
    expect(calendarWeek("", "Asia/Kolkata", new Date("2026-12-09T12:00:00Z"))).toMatchObject({ start: "2026-12-07" });
  });

  it("is the week holding the date asked for, across a month and a year end", () => {
    const now = new Date("2026-12-09T12:00:00Z");
    expect(calendarWeek("2026-12-31", "Europe/Berlin", now)).toEqual({ start: "2026-12-28", end: "2027-01-04", previous: "2026-12-21", next: "2027-01-04" });
    expect(calendarWeek("2026-03-29", "Europe/Berlin", now)).toMatchObject({ start: "2026-03-23", end: "2026-03-30" }); // a Sunday belongs to the week before it
  });

  it("refuses a week that is not a date, with the reason, and shows the current week instead", () => {
    const now = new Date("2026-12-09T12:00:00Z");
    expect(calendarWeek("next-monday", "Europe/Berlin", now)).toEqual({
      start: "2026-12-07",
      end: "2026-12-14",
      previous: "2026-11-30",
      next: "2026-12-14",
      refused: "Choose the week by a date like 2026-03-31.",
    });
    expect(calendarWeek("2026-02-30", "Europe/Berlin", now).refused).toBe("Choose the week by a date like 2026-03-31.");
    expect(calendarWeek(["2026-12-01", "2026-12-08"], "Europe/Berlin", now).refused).toBeDefined();
  });
});
