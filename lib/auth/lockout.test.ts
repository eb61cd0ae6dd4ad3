import { describe, expect, it } from "vitest";
import {
  LOCKOUT_DURATION_MS,
  LOCKOUT_MAX_FAILURES,
  LOCKOUT_WINDOW_MS,
  checkLockout,
  lockoutMessage,
  recordFailure,
  reserveAttempt,
  type ThrottleState,
} from "./lockout";

const T0 = Date.parse("2030-03-04T09:00:00.000Z");
const at = (offsetMs: number) => new Date(T0 + offsetMs);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Folds failures at the given offsets from T0 into the state the last one leaves. */
function failuresAt(...offsetsMs: number[]): ThrottleState | null {
  return offsetsMs.reduce<ThrottleState | null>((state, offset) => recordFailure(state, at(offset)), null);
}

describe("the lockout rule's constants", () => {
  it("locks after 3 failures within 15 minutes, for 60 seconds", () => {
    expect(LOCKOUT_MAX_FAILURES).toBe(3);
    expect(LOCKOUT_WINDOW_MS).toBe(15 * MINUTE);
    expect(LOCKOUT_DURATION_MS).toBe(60 * SECOND);
  });
});

describe("recordFailure", () => {
  it.each([
    {
      name: "1st failure",
      offsets: [0],
      failures: 1,
      windowStart: 0,
      lockedUntil: null,
    },
    {
      name: "2nd failure",
      offsets: [0, 10 * SECOND],
      failures: 2,
      windowStart: 0,
      lockedUntil: null,
    },
    {
      name: "3rd failure locks for exactly 60 s",
      offsets: [0, 10 * SECOND, 20 * SECOND],
      failures: 3,
      windowStart: 0,
      lockedUntil: 80 * SECOND,
    },
    {
      name: "3rd failure just inside the window still locks",
      offsets: [0, 1 * MINUTE, 15 * MINUTE - 1],
      failures: 3,
      windowStart: 0,
      lockedUntil: 15 * MINUTE - 1 + 60 * SECOND,
    },
    {
      name: "3rd failure at exactly 15 min restarts the count",
      offsets: [0, 1 * MINUTE, 15 * MINUTE],
      failures: 1,
      windowStart: 15 * MINUTE,
      lockedUntil: null,
    },
    {
      name: "3rd failure at 15 min + 1 ms restarts the count",
      offsets: [0, 1 * MINUTE, 15 * MINUTE + 1],
      failures: 1,
      windowStart: 15 * MINUTE + 1,
      lockedUntil: null,
    },
    {
      name: "a failure during the lock extends it from now",
      offsets: [0, 1 * SECOND, 2 * SECOND, 30 * SECOND],
      failures: 4,
      windowStart: 0,
      lockedUntil: 90 * SECOND,
    },
    {
      name: "after a lock is served the next failure counts as 1",
      offsets: [0, 1 * SECOND, 2 * SECOND, 62 * SECOND],
      failures: 1,
      windowStart: 62 * SECOND,
      lockedUntil: null,
    },
    {
      name: "after a served lock it takes 3 fresh failures to lock again",
      offsets: [0, 1 * SECOND, 2 * SECOND, 62 * SECOND, 63 * SECOND],
      failures: 2,
      windowStart: 62 * SECOND,
      lockedUntil: null,
    },
    {
      name: "3 fresh failures after a served lock lock again",
      offsets: [0, 1 * SECOND, 2 * SECOND, 62 * SECOND, 63 * SECOND, 64 * SECOND],
      failures: 3,
      windowStart: 62 * SECOND,
      lockedUntil: 124 * SECOND,
    },
  ])("$name", ({ offsets, failures, windowStart, lockedUntil }) => {
    expect(failuresAt(...offsets)).toEqual({
      failures,
      windowStartedAt: at(windowStart),
      lockedUntil: lockedUntil === null ? null : at(lockedUntil),
    });
  });

  it("does not change the state it is given", () => {
    const state: ThrottleState = {
      failures: 2,
      windowStartedAt: at(0),
      lockedUntil: null,
    };
    recordFailure(state, at(SECOND));
    expect(state).toEqual({
      failures: 2,
      windowStartedAt: at(0),
      lockedUntil: null,
    });
  });
});

describe("checkLockout", () => {
  const lockedAtZero: ThrottleState = {
    failures: 3,
    windowStartedAt: at(-20 * SECOND),
    lockedUntil: at(60 * SECOND),
  };

  it.each([
    {
      name: "no state at all",
      state: null,
      now: 0,
      expected: { locked: false },
    },
    {
      name: "two failures, no lock",
      state: { failures: 2, windowStartedAt: at(0), lockedUntil: null },
      now: 0,
      expected: { locked: false },
    },
    {
      name: "at the moment of locking",
      state: lockedAtZero,
      now: 0,
      expected: { locked: true, retryAfterSeconds: 60 },
    },
    {
      name: "1 ms into the lock",
      state: lockedAtZero,
      now: 1,
      expected: { locked: true, retryAfterSeconds: 60 },
    },
    {
      name: "1 s into the lock",
      state: lockedAtZero,
      now: 1 * SECOND,
      expected: { locked: true, retryAfterSeconds: 59 },
    },
    {
      name: "30 s into the lock",
      state: lockedAtZero,
      now: 30 * SECOND,
      expected: { locked: true, retryAfterSeconds: 30 },
    },
    {
      name: "59 s into the lock",
      state: lockedAtZero,
      now: 59 * SECOND,
      expected: { locked: true, retryAfterSeconds: 1 },
    },
    {
      name: "59.5 s into the lock",
      state: lockedAtZero,
      now: 59.5 * SECOND,
      expected: { locked: true, retryAfterSeconds: 1 },
    },
    {
      name: "59.999 s into the lock",
      state: lockedAtZero,
      now: 60 * SECOND - 1,
      expected: { locked: true, retryAfterSeconds: 1 },
    },
    {
      name: "exactly 60 s: unlocked",
      state: lockedAtZero,
      now: 60 * SECOND,
      expected: { locked: false },
    },
    {
      name: "long after the lock",
      state: lockedAtZero,
      now: 60 * MINUTE,
      expected: { locked: false },
    },
  ])("$name", ({ state, now, expected }) => {
    expect(checkLockout(state, at(now))).toEqual(expected);
  });

  it("the third failure's own state reads as locked for 60 s", () => {
    const state = failuresAt(0, 5 * SECOND, 10 * SECOND);
    expect(checkLockout(state, at(10 * SECOND))).toEqual({
      locked: true,
      retryAfterSeconds: 60,
    });
    expect(checkLockout(state, at(70 * SECOND))).toEqual({ locked: false });
  });

  it("the second failure's state is not locked", () => {
    expect(checkLockout(failuresAt(0, 5 * SECOND), at(5 * SECOND))).toEqual({
      locked: false,
    });
  });
});

describe("reserveAttempt", () => {
  it("counts an attempt before its password is checked: the first two leave it open", () => {
    expect(reserveAttempt(null, at(0))).toEqual({ allowed: true, state: { failures: 1, windowStartedAt: at(0), lockedUntil: null } });
    expect(reserveAttempt(failuresAt(0), at(SECOND))).toEqual({ allowed: true, state: { failures: 2, windowStartedAt: at(0), lockedUntil: null } });
  });

  it("lets the third attempt be checked, and it sets the lock for all that come after it", () => {
    const third = reserveAttempt(failuresAt(0, SECOND), at(2 * SECOND));
    expect(third).toEqual({ allowed: true, state: { failures: 3, windowStartedAt: at(0), lockedUntil: at(62 * SECOND) } });
    const fourth = reserveAttempt(third.allowed ? third.state : null, at(2 * SECOND));
    expect(fourth).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("refuses while locked without counting, then counts afresh once the lock is served", () => {
    const locked = failuresAt(0, SECOND, 2 * SECOND);
    expect(reserveAttempt(locked, at(30 * SECOND))).toEqual({ allowed: false, retryAfterSeconds: 32 });
    expect(reserveAttempt(locked, at(62 * SECOND))).toEqual({ allowed: true, state: { failures: 1, windowStartedAt: at(62 * SECOND), lockedUntil: null } });
  });
});

describe("lockoutMessage", () => {
  it.each([
    [60, "Too many failed sign-in attempts. Please wait 60 seconds before trying again."],
    [2, "Too many failed sign-in attempts. Please wait 2 seconds before trying again."],
    [1, "Too many failed sign-in attempts. Please wait 1 second before trying again."],
  ])("%i → %s", (seconds, message) => {
    expect(lockoutMessage(seconds)).toBe(message);
  });
});
