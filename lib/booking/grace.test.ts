import { describe, expect, it } from "vitest";
import { graceEndsAt, graceStartOf, insideWindowWarning, patientChangeAllowed, withinBookingGrace } from "./rules";

const START = new Date("2026-03-10T09:00:00Z");
const MINUTE = 60_000;
const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(START.getTime() + offsetMs);
const policy = { cancellationWindowHours: 24, bookingGraceMinutes: 15 };
const TOO_LATE = { allowed: false, reason: "Appointments can be cancelled or rescheduled up to 24 hours before the start." };

describe("patientChangeAllowed: the grace period after booking", () => {
  // Booked 3 hours before the start, well inside the 24-hour window.
  const booked = { startsAt: START, bookedAt: at(-3 * HOUR), rescheduledFromId: null };

  it.each([
    ["right after booking", 0, { allowed: true }],
    ["14 minutes after booking", 14 * MINUTE, { allowed: true }],
    ["exactly 15 minutes after booking", 15 * MINUTE, { allowed: true }],
    ["one millisecond after the grace period", 15 * MINUTE + 1, TOO_LATE],
    ["an hour after booking", HOUR, TOO_LATE],
  ])("inside the window, %s", (_name, sinceBooking, expected) => {
    expect(patientChangeAllowed(booked, new Date(booked.bookedAt.getTime() + sinceBooking), policy)).toEqual(expected);
  });

  it("a grace period of 0 turns it off: inside the window is refused at once", () => {
    expect(patientChangeAllowed(booked, booked.bookedAt, { ...policy, bookingGraceMinutes: 0 })).toEqual(TOO_LATE);
  });

  it("outside the window the grace period changes nothing", () => {
    const early = { startsAt: START, bookedAt: at(-10 * 24 * HOUR), rescheduledFromId: null };
    expect(patientChangeAllowed(early, at(-2 * 24 * HOUR), policy)).toEqual({ allowed: true });
  });

  it("never once the visit has started, even within the grace period", () => {
    const lastMinute = { startsAt: START, bookedAt: at(-5 * MINUTE), rescheduledFromId: null };
    expect(patientChangeAllowed(lastMinute, at(1), policy).allowed).toBe(false);
  });

  it("a visit moved by a reschedule gets no fresh grace period", () => {
    const moved = { ...booked, rescheduledFromId: "00000000-0000-4000-8000-000000000001" };
    expect(graceStartOf(moved)).toBeNull();
    expect(patientChangeAllowed(moved, booked.bookedAt, policy)).toEqual(TOO_LATE);
  });
});

describe("withinBookingGrace and graceEndsAt", () => {
  it("ends graceMinutes after booking; none for 0 or for no booking moment", () => {
    expect(graceEndsAt(START, 15)).toEqual(at(15 * MINUTE));
    expect(graceEndsAt(START, 0)).toBeNull();
    expect(graceEndsAt(null, 15)).toBeNull();
    expect(withinBookingGrace(START, at(15 * MINUTE), 15)).toBe(true);
    expect(withinBookingGrace(START, at(15 * MINUTE + 1), 15)).toBe(false);
    expect(withinBookingGrace(START, START, 0)).toBe(false);
  });

  it("rejects a negative grace period as a programming error", () => {
    expect(() => graceEndsAt(START, -1)).toThrow(RangeError);
  });
});

describe("insideWindowWarning: the rule told before booking", () => {
  it("says nothing when the time lies outside the window", () => {
    expect(insideWindowWarning(START, at(-25 * HOUR), policy)).toBeNull();
    expect(insideWindowWarning(START, at(-24 * HOUR), policy)).toBeNull();
  });

  it("inside the window, names the window and the grace period from the settings", () => {
    expect(insideWindowWarning(START, at(-3 * HOUR), policy)).toBe(
      "This visit starts within 24 hours: after booking it can be changed online only in the next 15 minutes",
    );
    expect(insideWindowWarning(START, at(-30 * MINUTE), { cancellationWindowHours: 1, bookingGraceMinutes: 1 })).toBe(
      "This visit starts within 1 hour: after booking it can be changed online only in the next 1 minute",
    );
  });

  it("with grace 0, says the visit cannot be changed online", () => {
    expect(insideWindowWarning(START, at(-3 * HOUR), { ...policy, bookingGraceMinutes: 0 })).toBe(
      "This visit starts within 24 hours: after booking it cannot be changed online.",
    );
  });
});
