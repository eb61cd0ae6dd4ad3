import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_LENGTH } from "./password-length";
import { passwordSchema } from "./password-policy";

/** The messages a user sees next to the password field, or [] when it is accepted. */
function messagesFor(value: unknown): string[] {
  const result = passwordSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("passwordSchema", () => {
  it("asks for 12 characters at least", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
  });

  it.each([
    ["exactly 12 characters", "abcdefghijkl"],
    ["12 characters with inner spaces", "correct hors"],
    ["exactly 256 characters", "p".repeat(256)],
    ["12 non-space characters wrapped in spaces", "  abcdefghijkl  "],
  ])("accepts %s", (_label, value) => {
    expect(messagesFor(value)).toEqual([]);
    // Accepted passwords are kept exactly as typed, never trimmed.
    expect(passwordSchema.parse(value)).toBe(value);
  });

  it("refuses 11 characters with the minimum-length message", () => {
    expect(messagesFor("abcdefghijk")).toContain("Use at least 12 characters.");
  });

  it("refuses 12 spaces as mostly spaces", () => {
    expect(messagesFor(" ".repeat(12))).toEqual(["A password cannot be mostly spaces."]);
  });

  it("refuses a password that only reaches 12 characters through spaces", () => {
    expect(messagesFor("abc         ")).toEqual(["A password cannot be mostly spaces."]);
    expect(messagesFor("     abcdefghijk     ")).toEqual(["A password cannot be mostly spaces."]);
  });

  it("refuses more than 256 characters with the maximum-length message", () => {
    expect(messagesFor("p".repeat(257))).toEqual(["Use at most 256 characters."]);
  });

  it.each([[undefined], [null], [123456789012]])("refuses a non-string (%j) with 'Enter a password.'", (value) => {
    expect(messagesFor(value)).toEqual(["Enter a password."]);
  });
});
