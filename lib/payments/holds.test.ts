import { describe, expect, it } from "vitest";
import { holdExpiry, isHoldExpired } from "./holds";

const MS = 1;
const MINUTE = 60_000;

describe("isHoldExpired", () => {
  const EXPIRES = new Date("2026-03-02T10:15:00Z");
  it.each([
    ["no hold", null, EXPIRES, false],
    ["before expiry", EXPIRES, new Date(EXPIRES.getTime() - MS), false],
    ["exactly at expiry", EXPIRES, EXPIRES, true],
    ["after expiry", EXPIRES, new Date(EXPIRES.getTime() + MINUTE), true],
  ])("%s → %s", (_name, holdExpiresAt, now, expired) => {
    expect(isHoldExpired(holdExpiresAt, now)).toBe(expired);
  });
});

describe("holdExpiry", () => {
  it("is the hold's length after now", () => {
    expect(holdExpiry(new Date("2026-03-02T10:00:00Z"), 15)).toEqual(new Date("2026-03-02T10:15:00Z"));
  });
});
