// Daylight-saving days, a +05:30 zone, and doctors and patients in different zones.
// Every expectation is an exact list of local labels and/or UTC instants.
import { describe, expect, it } from "vitest";
import { computeSlots, groupSlotsByViewerDate } from "./slots";
import { customHours, instants, on, rule, slotInput, viewerLabels } from "./slot-test-helpers";
import type { Slot } from "./types";

const NINE_TO_FIVE = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30",
  "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"]; // prettier-ignore

/** One doctor-local date of custom hours, seen from the doctor's own zone. */
function dayIn(timeZone: string, date: string, startTime: string, endTime: string): Slot[] {
  return computeSlots(
    slotInput({
      overrides: [customHours(date, [startTime, endTime])],
      now: new Date(`${date.slice(0, 8)}01T00:00:00Z`),
      viewerTimeZone: timeZone,
      settings: { timeZone, horizonDays: 40 },
    }),
  );
}

const withOffset = (slots: Slot[]) => slots.map((s) => `${s.viewerTime}${s.viewerOffset}`);

describe("daylight-saving days: slots are cut in absolute time", () => {
  it.each([
    ["Europe/Berlin", "2026-03-29", "spring forward", "2026-03-29T07:00:00.000Z", "+02:00"],
    ["Europe/Berlin", "2026-10-25", "fall back", "2026-10-25T08:00:00.000Z", "+01:00"],
    ["America/New_York", "2026-03-08", "spring forward", "2026-03-08T13:00:00.000Z", "-04:00"],
    ["America/New_York", "2026-11-01", "fall back", "2026-11-01T14:00:00.000Z", "-05:00"],
  ])("%s %s (%s): 09:00–17:00 is exactly 16 half-hour slots", (zone, date, _change, firstInstant, offset) => {
    const slots = dayIn(zone, date, "09:00", "17:00");
    expect(viewerLabels(slots)).toEqual(on(date, ...NINE_TO_FIVE));
    expect(slots.map((s) => s.viewerOffset)).toEqual(NINE_TO_FIVE.map(() => offset));
    expect(instants(slots)[0]).toBe(firstInstant);
    expect(slots[15]!.endsAt.getTime() - slots[0]!.startsAt.getTime()).toBe(8 * 3_600_000);
  });

  it("Europe/Berlin 2026-03-29, 01:00–04:00 is two real hours: 02:00–03:00 does not exist", () => {
    const slots = dayIn("Europe/Berlin", "2026-03-29", "01:00", "04:00");
    expect(withOffset(slots)).toEqual(["01:00+01:00", "01:30+01:00", "03:00+02:00", "03:30+02:00"]);
    expect(instants(slots)).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T00:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T01:30:00.000Z"]);
  });

  it("Europe/Berlin 2026-10-25, 01:00–04:00 is four real hours: 02:00 and 02:30 appear twice", () => {
    const slots = dayIn("Europe/Berlin", "2026-10-25", "01:00", "04:00");
    expect(withOffset(slots)).toEqual([
      "01:00+02:00", "01:30+02:00", "02:00+02:00", "02:30+02:00",
      "02:00+01:00", "02:30+01:00", "03:00+01:00", "03:30+01:00",
    ]); // prettier-ignore
    expect(instants(slots)).toEqual([
      "2026-10-24T23:00:00.000Z",
      "2026-10-24T23:30:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T01:30:00.000Z",
      "2026-10-25T02:00:00.000Z",
      "2026-10-25T02:30:00.000Z",
    ]);
  });

  it("America/New_York 2026-03-08, 01:00–04:00 skips 02:00–03:00", () => {
    const slots = dayIn("America/New_York", "2026-03-08", "01:00", "04:00");
    expect(withOffset(slots)).toEqual(["01:00-05:00", "01:30-05:00", "03:00-04:00", "03:30-04:00"]);
    expect(instants(slots)).toEqual(["2026-03-08T06:00:00.000Z", "2026-03-08T06:30:00.000Z", "2026-03-08T07:00:00.000Z", "2026-03-08T07:30:00.000Z"]);
  });

  it("America/New_York 2026-11-01, 01:00–04:00 repeats 01:00 and 01:30", () => {
    const slots = dayIn("America/New_York", "2026-11-01", "01:00", "04:00");
    expect(withOffset(slots)).toEqual([
      "01:00-04:00", "01:30-04:00", "01:00-05:00", "01:30-05:00",
      "02:00-05:00", "02:30-05:00", "03:00-05:00", "03:30-05:00",
    ]); // prettier-ignore
    expect(instants(slots)[0]).toBe("2026-11-01T05:00:00.000Z");
    expect(instants(slots)[7]).toBe("2026-11-01T08:30:00.000Z");
  });

  it("hours that start inside the spring-forward gap begin at the later real time", () => {
    expect(withOffset(dayIn("Europe/Berlin", "2026-03-29", "02:00", "04:00"))).toEqual(["03:00+02:00", "03:30+02:00"]);
    expect(dayIn("Europe/Berlin", "2026-03-29", "02:30", "03:00")).toEqual([]);
  });

  it("a Berlin patient sees a UTC doctor's fall-back-night slots as two 02:00s and two 02:30s", () => {
    const slots = computeSlots(
      slotInput({
        overrides: [customHours("2026-10-25", ["00:00", "02:00"])],
        now: new Date("2026-10-20T00:00Z"),
        viewerTimeZone: "Europe/Berlin",
        settings: { horizonDays: 10 },
      }),
    );
    expect(withOffset(slots)).toEqual(["02:00+02:00", "02:30+02:00", "02:00+01:00", "02:30+01:00"]);
    expect(slots.map((s) => s.doctorTime)).toEqual(["00:00", "00:30", "01:00", "01:30"]);
  });
});

describe("doctor and patient in different zones", () => {
  /** A doctor's Monday-only hours, seen from another zone, in the week starting `weekOf`. */
  function monday(doctorZone: string, viewerZone: string, weekOf: string, startTime: string, endTime: string) {
    return computeSlots(
      slotInput({
        rules: [rule(1, startTime, endTime)],
        now: new Date(`${weekOf}T00:00:00Z`),
        viewerTimeZone: viewerZone,
        settings: { timeZone: doctorZone, horizonDays: 7 },
      }),
    );
  }
  const both = (slots: Slot[]) => slots.map((s) => `${s.viewerDate} ${s.viewerTime}${s.viewerOffset} = ${s.doctorDate} ${s.doctorTime}`);

  it.each([
    [
      "London in winter",
      "2026-02-27",
      ["2026-03-02 03:30+00:00 = 2026-03-02 09:00", "2026-03-02 04:00+00:00 = 2026-03-02 09:30", "2026-03-02 04:30+00:00 = 2026-03-02 10:00"],
    ],
    [
      "London in summer",
      "2026-05-29",
      ["2026-06-01 04:30+01:00 = 2026-06-01 09:00", "2026-06-01 05:00+01:00 = 2026-06-01 09:30", "2026-06-01 05:30+01:00 = 2026-06-01 10:00"],
    ],
  ])("Asia/Kolkata doctor (+05:30), Europe/London patient, %s", (_name, weekOf, expected) => {
    expect(both(monday("Asia/Kolkata", "Europe/London", weekOf, "09:00", "10:30"))).toEqual(expected);
  });

  it("an early Kolkata morning is the previous evening in London", () => {
    const slots = monday("Asia/Kolkata", "Europe/London", "2026-02-27", "04:00", "05:00");
    expect(both(slots)).toEqual(["2026-03-01 22:30+00:00 = 2026-03-02 04:00", "2026-03-01 23:00+00:00 = 2026-03-02 04:30"]);
  });

  // The US changes clocks two to three weeks before the EU in spring and one week after in autumn.
  it.each([
    ["2026-03-02", "both on standard time", "15:00+01:00"],
    ["2026-03-16", "US already on DST, EU not", "14:00+01:00"],
    ["2026-04-06", "both on DST", "15:00+02:00"],
    ["2026-10-26", "EU back on standard time, US not yet", "14:00+01:00"],
    ["2026-11-02", "both on standard time again", "15:00+01:00"],
  ])("a New York doctor's Monday 09:00 on %s (%s) is %s in Paris", (date, _why, expected) => {
    const weekOf = new Date(Date.parse(`${date}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = monday("America/New_York", "Europe/Paris", weekOf, "09:00", "09:30");
    expect(slots.map((s) => `${s.viewerDate} ${s.viewerTime}${s.viewerOffset} (${s.doctorTime} NY)`)).toEqual([`${date} ${expected} (09:00 NY)`]);
  });
});

describe("groupSlotsByViewerDate", () => {
  it("groups by the viewer's date, not the doctor's", () => {
    const slots = computeSlots(
      slotInput({
        rules: [rule(1, "04:00", "05:00"), rule(1, "09:00", "10:00")],
        now: new Date("2026-02-27T00:00Z"),
        viewerTimeZone: "Europe/London",
        settings: { timeZone: "Asia/Kolkata", horizonDays: 7 },
      }),
    );
    expect(groupSlotsByViewerDate(slots).map((g) => `${g.date}: ${g.slots.map((s) => s.viewerTime).join(" ")}`)).toEqual([
      "2026-03-01: 22:30 23:00",
      "2026-03-02: 03:30 04:00",
    ]);
  });

  it("keeps one group per date even if a zone's date steps backwards", () => {
    const slot = (viewerDate: string, viewerTime: string, iso: string): Slot => ({
      startsAt: new Date(iso),
      endsAt: new Date(Date.parse(iso) + 1_800_000),
      viewerDate,
      viewerTime,
      viewerOffset: "+00:00",
      doctorDate: viewerDate,
      doctorTime: viewerTime,
    });
    const grouped = groupSlotsByViewerDate([
      slot("2026-01-02", "00:00", "2026-01-01T23:00Z"),
      slot("2026-01-01", "23:30", "2026-01-01T23:30Z"),
      slot("2026-01-02", "00:30", "2026-01-02T00:30Z"),
    ]);
    expect(grouped.map((g) => [g.date, g.slots.map((s) => s.viewerTime)])).toEqual([
      ["2026-01-01", ["23:30"]],
      ["2026-01-02", ["00:00", "00:30"]],
    ]);
  });

  it("returns nothing for no slots", () => {
    expect(groupSlotsByViewerDate([])).toEqual([]);
  });
});
