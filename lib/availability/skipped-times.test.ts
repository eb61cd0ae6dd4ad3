import { describe, expect, it } from "vitest";
import { skippedTimesOn } from "./skipped-times";

describe("skippedTimesOn: the wall-clock times a spring-forward night jumps over", () => {
  it("is the 02:00–03:00 hour on the nights Berlin and New York spring forward", () => {
    expect(skippedTimesOn("2026-03-29", "Europe/Berlin")).toEqual([{ startTime: "02:00", endTime: "03:00" }]);
    expect(skippedTimesOn("2026-03-08", "America/New_York")).toEqual([{ startTime: "02:00", endTime: "03:00" }]);
  });

  it("is nothing on the days around it, on the autumn night (an hour repeated, none skipped) and in a zone without DST", () => {
    expect(skippedTimesOn("2026-03-28", "Europe/Berlin")).toEqual([]);
    expect(skippedTimesOn("2026-03-30", "Europe/Berlin")).toEqual([]);
    expect(skippedTimesOn("2026-10-25", "Europe/Berlin")).toEqual([]);
    expect(skippedTimesOn("2026-03-29", "Asia/Kolkata")).toEqual([]);
    expect(skippedTimesOn("2026-03-29", "UTC")).toEqual([]);
  });

  it("is half an hour where the zone moves by half an hour (Lord Howe Island)", () => {
    expect(skippedTimesOn("2026-10-04", "Australia/Lord_Howe")).toEqual([{ startTime: "02:00", endTime: "02:30" }]);
  });

  it("starts at midnight where the clocks jump from 00:00 (Havana), and belongs to that date, not the one before", () => {
    expect(skippedTimesOn("2026-03-08", "America/Havana")).toEqual([{ startTime: "00:00", endTime: "01:00" }]);
    expect(skippedTimesOn("2026-03-07", "America/Havana")).toEqual([]);
  });

  it("is the whole date when a zone skipped a day (Samoa, 30 December 2011)", () => {
    expect(skippedTimesOn("2011-12-29", "Pacific/Apia")).toEqual([]);
    expect(skippedTimesOn("2011-12-30", "Pacific/Apia")).toEqual([{ startTime: "00:00", endTime: "24:00" }]);
    expect(skippedTimesOn("2011-12-31", "Pacific/Apia")).toEqual([]);
  });
});
