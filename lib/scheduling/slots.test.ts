import { describe, expect, it } from "vitest";
import { computeSlots, isSlotOffered } from "./slots";
import { busy, customHours, dayOff, instants, on, rule, slotInput, viewerLabels, type InputChanges } from "./slot-test-helpers";

// Clock pinned at Monday 2026-03-02 06:00 UTC (see slotInput); UTC doctor and viewer unless a row says otherwise.
const MON = "2026-03-02";
const TUE = "2026-03-03";
const MON_9_TO_11 = [rule(1, "09:00", "11:00")];

describe("computeSlots", () => {
  it.each<[string, InputChanges, string[]]>([
    ["plain weekday", { rules: [rule(1, "09:00", "12:00")] }, on(MON, "09:00", "09:30", "10:00", "10:30", "11:00", "11:30")],
    ["several ranges a day", { rules: [rule(1, "14:00", "15:00"), rule(1, "09:00", "10:30")] }, on(MON, "09:00", "09:30", "10:00", "14:00", "14:30")],
    [
      "touching ranges form one continuous grid",
      { rules: [rule(1, "09:00", "10:00"), rule(1, "10:00", "11:00")], settings: { slotMinutes: 40 } },
      on(MON, "09:00", "09:40", "10:20"),
    ],
    ["a slot must fit entirely inside its range", { rules: [rule(1, "09:00", "09:50")] }, on(MON, "09:00")],
    ["24:00 closes the range at midnight", { rules: [rule(1, "23:00", "24:00")] }, on(MON, "23:00", "23:30")],
    [
      "the buffer spaces the grid; the last slot need not fit its trailing buffer",
      { rules: MON_9_TO_11, settings: { bufferMinutes: 10 } },
      on(MON, "09:00", "09:40", "10:20"),
    ],
    [
      "the buffer keeps a gap either side of an appointment",
      { rules: [rule(1, "09:00", "12:00")], settings: { bufferMinutes: 10 }, busy: [busy("2026-03-02T10:00Z", "2026-03-02T10:30Z")] },
      on(MON, "09:00", "11:00"),
    ],
    [
      "a guard band that only touches an appointment is free (half-open)",
      { rules: [rule(1, "09:00", "12:00")], settings: { bufferMinutes: 10 }, busy: [busy("2026-03-02T10:20Z", "2026-03-02T10:30Z")] },
      on(MON, "09:00", "09:40", "11:00"),
    ],
    [
      "without a buffer a slot may touch an appointment",
      { rules: MON_9_TO_11, busy: [busy("2026-03-02T09:30Z", "2026-03-02T10:00Z")] },
      on(MON, "09:00", "10:00", "10:30"),
    ],
    [
      "a visit that started before opening hours blocks the first slot",
      { rules: MON_9_TO_11, busy: [busy("2026-03-02T08:15Z", "2026-03-02T09:05Z")] },
      on(MON, "09:30", "10:00", "10:30"),
    ],
    ["a visit that ran late blocks the slots it runs into", { rules: MON_9_TO_11, busy: [busy("2026-03-02T09:00Z", "2026-03-02T10:10Z")] }, on(MON, "10:30")],
    [
      "busy time wholly outside open hours changes nothing",
      { rules: MON_9_TO_11, busy: [busy("2026-03-02T07:00Z", "2026-03-02T09:00Z"), busy("2026-03-02T11:00Z", "2026-03-02T12:00Z")] },
      on(MON, "09:00", "09:30", "10:00", "10:30"),
    ],
    [
      "overlapping and unsorted busy intervals",
      {
        rules: [rule(1, "09:00", "12:00")],
        busy: [
          busy("2026-03-02T11:00Z", "2026-03-02T11:10Z"),
          busy("2026-03-02T09:20Z", "2026-03-02T10:05Z"),
          busy("2026-03-02T09:00Z", "2026-03-02T09:45Z"),
          busy("2026-03-02T09:25Z", "2026-03-02T09:35Z"),
        ],
      },
      on(MON, "10:30", "11:30"),
    ],
    [
      "minimum notice hides starts before now + notice",
      { rules: MON_9_TO_11, now: new Date("2026-03-02T08:40Z"), settings: { minimumNoticeMinutes: 60 } },
      on(MON, "10:00", "10:30"),
    ],
    [
      "a start exactly at now + notice is offered",
      { rules: MON_9_TO_11, now: new Date("2026-03-02T08:30Z"), settings: { minimumNoticeMinutes: 30 } },
      on(MON, "09:00", "09:30", "10:00", "10:30"),
    ],
    ["slots already started never appear", { rules: MON_9_TO_11, now: new Date("2026-03-02T09:10Z") }, on(MON, "09:30", "10:00", "10:30")],
    [
      "the horizon ends just before now + horizonDays × 24 h",
      { rules: [rule(1, "08:00", "10:00"), rule(2, "08:00", "10:00")], now: new Date("2026-03-02T09:00Z") },
      [...on(MON, "09:00", "09:30"), ...on(TUE, "08:00", "08:30")],
    ],
    ["a zero horizon offers nothing", { rules: MON_9_TO_11, settings: { horizonDays: 0 } }, []],
    [
      "a closed override removes the date; other dates keep their rules",
      { rules: [...MON_9_TO_11, rule(2, "09:00", "10:00")], overrides: [dayOff(MON)], settings: { horizonDays: 2 } },
      on(TUE, "09:00", "09:30"),
    ],
    [
      "custom hours replace the weekday's rules for that date",
      { rules: MON_9_TO_11, overrides: [customHours(MON, ["14:00", "15:00"])] },
      on(MON, "14:00", "14:30"),
    ],
    [
      "from/to narrow the starts without moving the grid",
      {
        rules: [rule(1, "09:00", "12:00")],
        settings: { slotMinutes: 40 },
        from: new Date("2026-03-02T09:30Z"),
        to: new Date("2026-03-02T11:00Z"),
      },
      on(MON, "09:40", "10:20"),
    ],
    [
      "from before now + notice is clipped to it",
      { rules: MON_9_TO_11, now: new Date("2026-03-02T09:10Z"), from: new Date("2026-03-01T00:00Z") },
      on(MON, "09:30", "10:00", "10:30"),
    ],
    ["to before from offers nothing", { rules: MON_9_TO_11, from: new Date("2026-03-02T10:00Z"), to: new Date("2026-03-02T09:00Z") }, []],
  ])("%s", (_name, changes, expected) => {
    expect(viewerLabels(computeSlots(slotInput(changes)))).toEqual(expected);
  });

  it("a Europe/Berlin doctor seen from Berlin: local labels, UTC instants one hour earlier in winter", () => {
    const slots = computeSlots(slotInput({ rules: MON_9_TO_11, viewerTimeZone: "Europe/Berlin", settings: { timeZone: "Europe/Berlin" } }));
    expect(viewerLabels(slots)).toEqual(on(MON, "09:00", "09:30", "10:00", "10:30"));
    expect(instants(slots)).toEqual(["2026-03-02T08:00:00.000Z", "2026-03-02T08:30:00.000Z", "2026-03-02T09:00:00.000Z", "2026-03-02T09:30:00.000Z"]);
    expect(slots[0]).toEqual({
      startsAt: new Date("2026-03-02T08:00:00Z"),
      endsAt: new Date("2026-03-02T08:30:00Z"),
      viewerDate: MON,
      viewerTime: "09:00",
      viewerOffset: "+01:00",
      doctorDate: MON,
      doctorTime: "09:00",
    });
  });

  it.each<[string, InputChanges]>([
    ["a zero slot length", { settings: { slotMinutes: 0 } }],
    ["a fractional slot length", { settings: { slotMinutes: 22.5 } }],
    ["a negative buffer", { settings: { bufferMinutes: -5 } }],
    ["a negative notice", { settings: { minimumNoticeMinutes: -1 } }],
    ["an invalid now", { now: new Date("not a date") }],
    ["an unknown viewer zone", { rules: MON_9_TO_11, viewerTimeZone: "Europe/Atlantis" }],
  ])("throws a RangeError on %s", (_name, changes) => {
    expect(() => computeSlots(slotInput(changes))).toThrow(RangeError);
  });
});

describe("isSlotOffered", () => {
  // Open 09:00–12:00 on Monday and Tuesday, 10:00 booked, notice until 09:15, horizon until Tuesday 08:15.
  const input = slotInput({
    rules: [rule(1, "09:00", "12:00"), rule(2, "09:00", "12:00")],
    busy: [busy("2026-03-02T10:00Z", "2026-03-02T10:30Z")],
    now: new Date("2026-03-02T08:15Z"),
    settings: { minimumNoticeMinutes: 60 },
  });

  it("offers exactly what computeSlots lists", () => {
    expect(viewerLabels(computeSlots(input))).toEqual(on(MON, "09:30", "10:30", "11:00", "11:30"));
  });

  it.each([
    ["an offered start", "2026-03-02T10:30Z", true],
    ["the first start after the notice", "2026-03-02T09:30Z", true],
    ["a start inside the minimum notice", "2026-03-02T09:00Z", false],
    ["an off-grid start inside open hours", "2026-03-02T10:45Z", false],
    ["a start one millisecond off the grid", "2026-03-02T10:30:00.001Z", false],
    ["a booked start", "2026-03-02T10:00Z", false],
    ["a start whose slot would pass closing time", "2026-03-02T12:00Z", false],
    ["a start beyond the horizon", "2026-03-03T09:00Z", false],
    ["an invalid date", "garbage", false],
  ])("%s (%s) → %s", (_name, startsAt, offered) => {
    expect(isSlotOffered(input, new Date(startsAt))).toBe(offered);
  });

  it("respects the input's own from/to window", () => {
    const narrowed = { ...input, from: new Date("2026-03-02T11:00Z") };
    expect(isSlotOffered(narrowed, new Date("2026-03-02T10:30Z"))).toBe(false);
    expect(isSlotOffered(narrowed, new Date("2026-03-02T11:00Z"))).toBe(true);
  });
});
