import { describe, expect, it } from "vitest";
import { formatMonth, isFutureMonth, isMonth, previousMonth } from "./month";

describe("report months", () => {
  it.each([
    ["2031-01-01T03:00:00Z", "2030-12"],
    ["2030-03-01T03:00:00Z", "2030-02"],
    ["2030-03-31T23:59:59Z", "2030-02"],
  ])("the cron at %s reports on %s", (now, expected) => {
    expect(previousMonth(new Date(now))).toBe(expected);
  });

  it("a month counts as started once it has begun in the earliest zone (UTC+14)", () => {
    expect(isFutureMonth("2030-04", new Date("2030-03-31T09:59:59Z"))).toBe(true);
    expect(isFutureMonth("2030-04", new Date("2030-03-31T10:00:00Z"))).toBe(false);
    expect(isFutureMonth("2030-03", new Date("2030-03-15T00:00:00Z"))).toBe(false);
  });

  it("accepts only YYYY-MM", () => {
    expect(["2030-03", "1999-12"].every(isMonth)).toBe(true);
    expect(["2030-3", "2030-13", "2030-00", "March", "", undefined].some((value) => isMonth(value))).toBe(false);
    expect(formatMonth("2030-03")).toBe("March 2030");
  });
});
