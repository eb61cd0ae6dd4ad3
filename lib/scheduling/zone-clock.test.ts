// The fast paths must agree with plain Temporal everywhere, so they are checked
// against it over three years of dates, with extra density on transition days,
// in zones chosen for their awkward rules.
import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { isoDayNumber, plainDateOfDay } from "./calendar-days";
import { localTimeToEpochMs } from "./local-time";
import { createLocalTimeResolver, createZoneFormatter } from "./zone-clock";

const ZONES = [
  "UTC",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata", // +05:30, no DST
  "Asia/Kathmandu", // +05:45
  "Australia/Lord_Howe", // 30-minute DST shift
  "Pacific/Chatham", // +12:45 / +13:45
  "America/Santiago", // changes at midnight: gap at 00:00, repeated 23:00
  "America/Havana", // gap at midnight, repeated hour 00:00–01:00
  "Asia/Beirut", // falls back from 00:00 to 23:00 of the previous date
  "America/Nuuk", // gap 23:00–24:00, ending exactly at midnight
  "America/St_Johns", // −03:30 / −02:30
  "Africa/Casablanca", // backwards DST around Ramadan
];

const FIRST_DAY = isoDayNumber("2025-01-01");
const LAST_DAY = isoDayNumber("2027-12-31");
const SAMPLE_MINUTES = [0, 59, 90, 150, 690, 1410, 1439, 1440];

function transitionDays(timeZone: string): number[] {
  const days: number[] = [];
  let zoned: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({ year: 2025, month: 1, day: 1, timeZone });
  while ((zoned = zoned.getTimeZoneTransition("next")) && zoned.year <= 2027) {
    const day = isoDayNumber(zoned.toPlainDate());
    days.push(day - 1, day, day + 1);
  }
  return days;
}

function temporalLabel(epochMs: number, timeZone: string) {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  return {
    date: zoned.toPlainDate().toString(),
    time: zoned.toPlainTime().toString({ smallestUnit: "minute" }),
    offset: zoned.offset,
  };
}

describe("createLocalTimeResolver agrees with Temporal", () => {
  it.each(ZONES)("%s, every date of 2025–2027 in order", (timeZone) => {
    const resolve = createLocalTimeResolver(timeZone);
    const mismatches: string[] = [];
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const date = plainDateOfDay(day);
      for (const minutes of SAMPLE_MINUTES) {
        const expected = localTimeToEpochMs(date, minutes, timeZone);
        if (resolve(day, minutes) !== expected) mismatches.push(`${date} +${minutes}min`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(ZONES)("%s, every quarter hour around each transition, in scrambled order", (timeZone) => {
    const resolve = createLocalTimeResolver(timeZone);
    const days = transitionDays(timeZone).reverse();
    const mismatches: string[] = [];
    for (const day of days) {
      const date = plainDateOfDay(day);
      for (let minutes = 0; minutes <= 1440; minutes += 15) {
        if (resolve(day, minutes) !== localTimeToEpochMs(date, minutes, timeZone)) {
          mismatches.push(`${date} +${minutes}min`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("createZoneFormatter agrees with Temporal", () => {
  it.each(ZONES)("%s, every 251 minutes over three years", (timeZone) => {
    const label = createZoneFormatter(timeZone);
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2028, 0, 1);
    const mismatches: string[] = [];
    for (let t = start; t < end; t += 251 * 60_000) {
      const expected = temporalLabel(t, timeZone);
      const actual = label(t);
      if (actual.date !== expected.date || actual.time !== expected.time || actual.offset !== expected.offset) {
        mismatches.push(new Date(t).toISOString());
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(ZONES)("%s, each minute of the hour either side of each transition, then backwards", (timeZone) => {
    const label = createZoneFormatter(timeZone);
    const instants: number[] = [];
    let zoned: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({ year: 2025, month: 1, day: 1, timeZone });
    while ((zoned = zoned.getTimeZoneTransition("next")) && zoned.year <= 2027) {
      for (let m = -60; m <= 60; m++) instants.push(zoned.epochMilliseconds + m * 60_000 + (m % 2) * 1_000);
    }
    const mismatches: string[] = [];
    for (const t of [...instants, ...instants.reverse()]) {
      if (JSON.stringify(label(t)) !== JSON.stringify(temporalLabel(t, timeZone))) mismatches.push(new Date(t).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it("labels the two 02:30s of Berlin's fall-back night apart by offset", () => {
    const label = createZoneFormatter("Europe/Berlin");
    expect(label(Date.parse("2026-10-25T00:30:00Z"))).toEqual({ date: "2026-10-25", time: "02:30", offset: "+02:00" });
    expect(label(Date.parse("2026-10-25T01:30:00Z"))).toEqual({ date: "2026-10-25", time: "02:30", offset: "+01:00" });
  });
});
