import { describe, expect, it } from "vitest";
import { bookingCapAllows, cancellationAllowed, noShowAllowed, reminderSendAt } from "./rules";

const START = new Date("2026-03-10T09:00:00Z");
/** An instant relative to START, e.g. at(-24 * HOUR). */
const at = (offsetMs: number) => new Date(START.getTime() + offsetMs);
const MS = 1;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("cancellationAllowed (24-hour window)", () => {
  const TOO_LATE = { allowed: false, reason: "Appointments can be cancelled or rescheduled up to 24 hours before the start." };
  const STARTED = { allowed: false, reason: "This appointment has already started, so it can no longer be changed." };

  it.each([
    ["a week before", -7 * DAY, { allowed: true }],
    ["one millisecond before the cut-off", -24 * HOUR - MS, { allowed: true }],
    ["exactly at the cut-off", -24 * HOUR, { allowed: true }],
    ["one millisecond after the cut-off", -24 * HOUR + MS, TOO_LATE],
    ["an hour before the start", -HOUR, TOO_LATE],
    ["exactly at the start", 0, STARTED],
    ["after the start", 10 * MINUTE, STARTED],
  ])("%s", (_name, offset, expected) => {
    expect(cancellationAllowed(START, at(offset), 24)).toEqual(expected);
  });

  it("states a one-hour window in the singular", () => {
    expect(cancellationAllowed(START, at(-30 * MINUTE), 1)).toEqual({
      allowed: false,
      reason: "Appointments can be cancelled or rescheduled up to 1 hour before the start.",
    });
  });

  it("with no window, allows changes up to and including the start instant", () => {
    expect(cancellationAllowed(START, at(0), 0)).toEqual({ allowed: true });
    expect(cancellationAllowed(START, at(MS), 0).allowed).toBe(false);
  });

  it("rejects a negative window as a programming error", () => {
    expect(() => cancellationAllowed(START, at(-DAY), -1)).toThrow(RangeError);
  });
});

describe("noShowAllowed", () => {
  it.each([
    ["a day before", -DAY, false],
    ["exactly at the start", 0, false],
    ["one millisecond after the start", MS, true],
    ["after the visit", 2 * HOUR, true],
  ])("%s → %s", (_name, offset, allowed) => {
    const decision = noShowAllowed(START, at(offset));
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe("A no-show can only be recorded after the appointment has started.");
  });
});

describe("reminderSendAt (24-hour lead)", () => {
  const send = (bookedOffset: number, leadMinutes = 24 * 60) =>
    reminderSendAt({ startsAt: START, bookedAt: at(bookedOffset), leadMinutes })?.toISOString() ?? null;

  it.each([
    ["booked a week ahead: the usual lead", -7 * DAY, "2026-03-09T09:00:00.000Z"],
    ["booked exactly at the usual send time: still the usual", -24 * HOUR, "2026-03-09T09:00:00.000Z"],
    ["booked 1 ms after it: the midpoint", -24 * HOUR + MS, "2026-03-09T21:00:00.000Z"],
    ["booked 10 h ahead: the midpoint, 5 h before", -10 * HOUR, "2026-03-10T04:00:00.000Z"],
    ["booked exactly 4 h ahead: midpoint exactly 2 h before is kept", -4 * HOUR, "2026-03-10T07:00:00.000Z"],
    ["booked 4 h minus 1 min ahead: midpoint under 2 h, no reminder", -4 * HOUR + MINUTE, null],
    ["booked 30 min ahead: no reminder", -30 * MINUTE, null],
    ["booked after the start: no reminder", HOUR, null],
  ])("%s", (_name, bookedOffset, expected) => {
    expect(send(bookedOffset)).toBe(expected);
  });

  it("follows the configured lead", () => {
    expect(send(-7 * DAY, 60)).toBe("2026-03-10T08:00:00.000Z");
    expect(send(-30 * MINUTE, 60)).toBeNull();
  });

  it("rejects a negative lead", () => {
    expect(() => send(-DAY, -5)).toThrow(RangeError);
  });
});

describe("bookingCapAllows (5 in all, 2 with one doctor)", () => {
  const caps = { maxActiveAppointmentsPerPatient: 5, maxActiveAppointmentsPerPatientPerDoctor: 2 };

  it.each([
    ["none yet", { total: 0, withDoctor: 0 }],
    ["one with this doctor, four in all", { total: 4, withDoctor: 1 }],
  ])("allows a booking with %s", (_name, held) => {
    expect(bookingCapAllows(held, caps)).toEqual({ allowed: true });
  });

  it("refuses a third with the same doctor, saying the limit", () => {
    expect(bookingCapAllows({ total: 2, withDoctor: 2 }, caps)).toEqual({
      allowed: false,
      reason: "You can hold at most 2 upcoming appointments with the same doctor, and you already have 2. Cancel one, or book again after a visit.",
    });
  });

  it("refuses a sixth in all, whoever the doctor", () => {
    expect(bookingCapAllows({ total: 5, withDoctor: 0 }, caps)).toEqual({
      allowed: false,
      reason: "You can hold at most 5 upcoming appointments at a time, and you already have 5. Cancel one, or book again after a visit.",
    });
  });

  it("states a cap of one in the singular", () => {
    expect(bookingCapAllows({ total: 1, withDoctor: 1 }, { maxActiveAppointmentsPerPatient: 3, maxActiveAppointmentsPerPatientPerDoctor: 1 })).toMatchObject({
      reason: "You can hold at most 1 upcoming appointment with the same doctor, and you already have 1. Cancel one, or book again after a visit.",
    });
  });
});
