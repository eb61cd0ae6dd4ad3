import { describe, expect, it } from "vitest";
import {
  appointmentStatusLabel,
  dateTimeFormat,
  formatCalendarDate,
  formatCalendarMonth,
  formatDate,
  formatDateTime,
  formatDateTimeInZone,
  formatMoney,
  formatTime,
  formatTimeZone,
  numberFormat,
  utcOffset,
  zoneCity,
} from "./format";

const WINTER = new Date("2026-12-15T10:30:00Z");
const SUMMER = new Date("2026-07-15T10:30:00Z");

describe("dates in one style", () => {
  it("short form: weekday, day, month, year and the 24-hour time, in the viewer's zone", () => {
    expect(formatDateTime(WINTER, "UTC")).toBe("Tue 15 Dec 2026, 10:30");
    expect(formatDateTime(WINTER, "Europe/Berlin")).toBe("Tue 15 Dec 2026, 11:30");
    expect(formatDate(WINTER, "UTC")).toBe("Tue 15 Dec 2026");
    expect(formatTime(WINTER, "America/New_York")).toBe("05:30");
  });

  it("long form spells the weekday and month out", () => {
    expect(formatDate(WINTER, "UTC", "long")).toBe("Tuesday 15 December 2026");
    expect(formatCalendarDate("2026-12-15", "long")).toBe("Tuesday 15 December 2026");
  });

  it("a month is named, not numbered", () => {
    expect(formatCalendarMonth("2026-11")).toBe("Nov 2026");
    expect(formatCalendarMonth("2026-01", "long")).toBe("January 2026");
  });

  it("a calendar day in a week strip has no year", () => {
    expect(formatCalendarDate("2026-11-24")).toBe("Tue 24 Nov");
  });

  it("the date is the zone's date, not the server's", () => {
    expect(formatDate(new Date("2026-12-15T23:30:00Z"), "Asia/Tokyo")).toBe("Wed 16 Dec 2026");
    expect(formatDate(new Date("2026-12-15T02:00:00Z"), "America/Los_Angeles")).toBe("Mon 14 Dec 2026");
  });
});

describe("zones as people say them", () => {
  it("the city from the IANA id, underscores as spaces, and the offset at that instant", () => {
    expect(formatTimeZone("Europe/Berlin", WINTER)).toBe("Berlin time (UTC+1)");
    expect(formatTimeZone("America/New_York", WINTER)).toBe("New York time (UTC\u22125)");
    expect(formatTimeZone("Europe/London", WINTER)).toBe("London time (UTC+0)");
  });

  it("follows daylight saving time", () => {
    expect(formatTimeZone("Europe/Berlin", SUMMER)).toBe("Berlin time (UTC+2)");
    expect(formatTimeZone("America/New_York", SUMMER)).toBe("New York time (UTC\u22124)");
    expect(formatTimeZone("Europe/London", SUMMER)).toBe("London time (UTC+1)");
  });

  it("on the day the clocks change, the offset is the one at that instant", () => {
    // Europe goes to summer time at 01:00 UTC on the last Sunday of March (29 March 2026).
    expect(utcOffset("Europe/Berlin", new Date("2026-03-29T00:59:00Z"))).toBe("+1");
    expect(utcOffset("Europe/Berlin", new Date("2026-03-29T01:00:00Z"))).toBe("+2");
    // New York goes back at 06:00 UTC on 1 November 2026.
    expect(utcOffset("America/New_York", new Date("2026-11-01T05:59:00Z"))).toBe("\u22124");
    expect(utcOffset("America/New_York", new Date("2026-11-01T06:00:00Z"))).toBe("\u22125");
  });

  it("half- and quarter-hour offsets keep their minutes", () => {
    expect(formatTimeZone("Asia/Kolkata", WINTER)).toBe("India time (UTC+5:30)");
    expect(formatTimeZone("Asia/Kathmandu", WINTER)).toBe("Kathmandu time (UTC+5:45)");
    expect(formatTimeZone("America/St_Johns", WINTER)).toBe("St Johns time (UTC\u22123:30)");
    expect(formatTimeZone("Australia/Adelaide", SUMMER)).toBe("Adelaide time (UTC+9:30)");
  });

  it("UTC is just UTC, and misleading city names have the name people use", () => {
    expect(formatTimeZone("UTC", WINTER)).toBe("UTC");
    expect(zoneCity("Asia/Calcutta")).toBe("India");
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
  });
});

describe("appointment status labels", () => {
  it("a cancelled visit that was moved reads Rescheduled; other statuses keep their labels", () => {
    expect(appointmentStatusLabel("cancelled", "b6a3c1de-0000-4000-8000-000000000001")).toBe("Rescheduled");
    expect(appointmentStatusLabel("cancelled", null)).toBe("Cancelled");
    expect(appointmentStatusLabel("cancelled")).toBe("Cancelled");
    expect(appointmentStatusLabel("confirmed", "b6a3c1de-0000-4000-8000-000000000001")).toBe("Confirmed");
    expect(appointmentStatusLabel("no_show")).toBe("No-show");
  });
});

describe("a time with its zone", () => {
  it("names the zone with the offset at that instant", () => {
    expect(formatDateTimeInZone(WINTER, "Europe/Berlin")).toBe("Tue 15 Dec 2026, 11:30 Berlin time (UTC+1)");
    expect(formatDateTimeInZone(SUMMER, "Europe/Berlin")).toBe("Wed 15 Jul 2026, 12:30 Berlin time (UTC+2)");
  });
});

describe("shared Intl formatters", () => {
  it("builds one formatter per locale and options, and keeps zones and currencies apart", () => {
    expect(dateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit" })).toBe(
      dateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit" }),
    );
    expect(dateTimeFormat("en-GB", { timeZone: "Europe/Berlin" })).not.toBe(dateTimeFormat("en-GB", { timeZone: "America/New_York" }));
    const noonUtc = new Date("2026-12-15T12:00:00Z");
    expect([formatTime(noonUtc, "Europe/Berlin"), formatTime(noonUtc, "America/New_York"), formatTime(noonUtc, "Europe/Berlin")]).toEqual([
      "13:00",
      "07:00",
      "13:00",
    ]);
    expect([formatMoney(1250, "EUR"), formatMoney(1250, "GBP"), formatMoney(1250, "EUR")]).toEqual(["€12.50", "£12.50", "€12.50"]);
    expect(numberFormat("en-GB", { style: "currency", currency: "JPY" })).toBe(numberFormat("en-GB", { style: "currency", currency: "JPY" }));
  });

  it("stores nothing for an invalid zone: it throws as Intl does", () => {
    expect(() => dateTimeFormat("en-GB", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en-GB", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
