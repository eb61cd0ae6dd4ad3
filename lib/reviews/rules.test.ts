import { describe, expect, it } from "vitest";
import { reviewChangeAllowed, reviewChangeDeadline } from "./rules";
import { reviewSchema } from "./schemas";

const written = new Date("2030-01-01T12:00:00Z");

describe("reviewChangeAllowed", () => {
  it("allows changes up to exactly 30 days after writing, not a millisecond later", () => {
    expect(reviewChangeAllowed(written, written).allowed).toBe(true);
    expect(reviewChangeAllowed(written, new Date("2030-01-31T12:00:00Z")).allowed).toBe(true);
    expect(reviewChangeAllowed(written, new Date("2030-01-31T12:00:00.001Z")).allowed).toBe(false);
    expect(reviewChangeDeadline(written)).toEqual(new Date("2030-01-31T12:00:00Z"));
  });
});

describe("reviewSchema", () => {
  it("takes 1–5 whole stars and 10–2,000 characters of trimmed text", () => {
    expect(reviewSchema.safeParse({ rating: "5", body: "  Ten chars!  " }).data).toEqual({ rating: 5, body: "Ten chars!" });
    expect(reviewSchema.safeParse({ rating: "1", body: "x".repeat(2000) }).success).toBe(true);
    for (const bad of [{ rating: "0" }, { rating: "6" }, { rating: "4.5" }, { rating: "" }, { rating: "five" }]) {
      expect(reviewSchema.safeParse({ ...bad, body: "long enough text" }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(reviewSchema.safeParse({ rating: 3, body: "Nine char" }).success).toBe(false);
    expect(reviewSchema.safeParse({ rating: 3, body: "          a         " }).success).toBe(false);
    expect(reviewSchema.safeParse({ rating: 3, body: "x".repeat(2001) }).success).toBe(false);
  });
});
