// Invariants checked on seeded random calendars, so the sweep and the window
// logic are compared with the obvious slow answers rather than with themselves.
import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { openIntervals } from "./open-intervals";
import { computeSlots, isSlotOffered } from "./slots";
import { customHours, dayOff, slotInput } from "./slot-test-helpers";
import type { AvailabilityRule, BusyInterval, ComputeSlotsInput, IsoWeekday } from "./types";

const MINUTE = 60_000;
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];

/** mulberry32: a tiny deterministic generator, so a failure replays from its seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: T[]): T => items[int(0, items.length - 1)]!;
  return { int, pick };
}

const hhmm = (minutes: number) =>
  minutes === 1440 ? "24:00" : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A doctor with random hours around a DST change, random bookings and settings. */
function scenario(seed: number): ComputeSlotsInput {
  const r = random(seed);
  const timeZone = r.pick(ZONES);
  const rules: AvailabilityRule[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let i = r.int(0, 3); i > 0; i--) {
      const start = r.int(0, 90) * 15;
      rules.push({ weekday: weekday as IsoWeekday, startTime: hhmm(start), endTime: hhmm(Math.min(1440, start + r.int(2, 24) * 15)) });
    }
  }
  const now = Date.parse("2026-03-25T00:00:00Z") + r.int(0, 20 * 96) * 15 * MINUTE + r.int(0, 59) * 1000;
  const dates = Array.from({ length: 3 }, () =>
    Temporal.PlainDate.from("2026-03-25")
      .add({ days: r.int(0, 30) })
      .toString(),
  );
  const busy: BusyInterval[] = Array.from({ length: r.int(0, 40) }, () => {
    const startsAt = now + r.int(-200, 14 * 96) * 15 * MINUTE + r.int(0, 14) * MINUTE;
    return { startsAt: new Date(startsAt), endsAt: new Date(startsAt + r.int(5, 180) * MINUTE) };
  });
  return slotInput({
    rules,
    overrides: [dayOff(dates[0]!), customHours(dates[1]!, ["02:00", "03:30"], ["08:10", "11:50"]), dayOff(dates[2]!)],
    busy,
    now: new Date(now),
    viewerTimeZone: r.pick([...ZONES, "UTC", "Pacific/Chatham"]),
    settings: {
      timeZone,
      slotMinutes: r.pick([10, 15, 20, 25, 30, 45, 60]),
      bufferMinutes: r.pick([0, 0, 5, 10, 15]),
      minimumNoticeMinutes: r.pick([0, 30, 120, 1440]),
      horizonDays: r.int(1, 14),
    },
  });
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const startsOf = (input: ComputeSlotsInput) => computeSlots(input).map((s) => s.startsAt.getTime());

describe.each(SEEDS)("random calendar #%i", (seed) => {
  const input = scenario(seed);
  const slots = computeSlots(input);
  const { slotMinutes, bufferMinutes, minimumNoticeMinutes, horizonDays, timeZone } = input.settings;

  it("the busy sweep keeps exactly the grid slots clear of busy time and buffers", () => {
    const guard = bufferMinutes * MINUTE;
    const naive = computeSlots({ ...input, busy: [] }).filter((slot) =>
      input.busy.every((b) => b.endsAt.getTime() <= slot.startsAt.getTime() - guard || b.startsAt.getTime() >= slot.endsAt.getTime() + guard),
    );
    expect(slots).toEqual(naive);
  });

  it("every slot is on its open interval's grid, inside the notice and horizon, labelled as Temporal would", () => {
    const now = input.now.getTime();
    const intervals = openIntervals({
      rules: input.rules,
      overrides: input.overrides,
      timeZone,
      fromDate: "2026-03-20",
      toDate: "2026-05-01",
    });
    for (const slot of slots) {
      const start = slot.startsAt.getTime();
      expect(slot.endsAt.getTime() - start).toBe(slotMinutes * MINUTE);
      expect(start).toBeGreaterThanOrEqual(now + minimumNoticeMinutes * MINUTE);
      expect(start).toBeLessThan(now + horizonDays * 86_400_000);
      const home = intervals.find((i) => i.startsAt.getTime() <= start && slot.endsAt.getTime() <= i.endsAt.getTime());
      expect(home, `slot at ${slot.startsAt.toISOString()}`).toBeDefined();
      expect((start - home!.startsAt.getTime()) % ((slotMinutes + bufferMinutes) * MINUTE)).toBe(0);
      const zoned = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(input.viewerTimeZone);
      expect([slot.viewerDate, slot.viewerTime, slot.viewerOffset]).toEqual([
        zoned.toPlainDate().toString(),
        zoned.toPlainTime().toString({ smallestUnit: "minute" }),
        zoned.offset,
      ]);
    }
    const starts = slots.map((s) => s.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
  });

  it("windows split anywhere give back the same slots", () => {
    const now = input.now.getTime();
    const cuts = [now - 86_400_000, now + 5 * 3_600_000 + 7 * MINUTE, now + 2 * 86_400_000 + 31 * MINUTE, now + 40 * 86_400_000];
    const pieces = cuts.slice(1).flatMap((to, i) => startsOf({ ...input, from: new Date(cuts[i]!), to: new Date(to) }));
    expect(pieces).toEqual(slots.map((s) => s.startsAt.getTime()));
  });

  it("isSlotOffered agrees with computeSlots for every 5-minute start of the first two days", () => {
    const offered = new Set(slots.map((s) => s.startsAt.getTime()));
    const first = Math.ceil(input.now.getTime() / (5 * MINUTE)) * 5 * MINUTE - 60 * MINUTE;
    const disagreements: string[] = [];
    for (let t = first; t < first + 2 * 86_400_000; t += 5 * MINUTE) {
      if (isSlotOffered(input, new Date(t)) !== offered.has(t)) disagreements.push(new Date(t).toISOString());
    }
    expect(disagreements).toEqual([]);
  });
});
