import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertStrongPassword, passwordWeakness } from "./password-strength";

const anna = { fullName: "Anna Keller", email: "anna.keller@example.com" };

describe("the password policy beyond length", () => {
  it("accepts long phrases of unrelated words, and the demo password", () => {
    for (const password of ["a brand new staple 42", "correct horse battery", "careslot-demo-2026", "Tr0ub4dor&3xyz"]) {
      expect(passwordWeakness(password, anna), password).toBeNull();
    }
  });

  it("refuses digits only, with the reason", () => {
    expect(passwordWeakness("123456789012", anna)).toBe("Use letters too: a password of digits only is among the first things tried.");
    expect(passwordWeakness("2026 0101 1990", anna)).toMatch(/^Use letters too/);
  });

  it("refuses a password made of the user's own name or email address", () => {
    for (const password of ["annakeller1990", "Keller.Anna.2026", "anna.keller@exa"]) {
      expect(passwordWeakness(password, anna), password).toBe("This is too close to your name or email address. Choose words unrelated to you.");
    }
    // The same password is fine for someone else.
    expect(passwordWeakness("annakeller1990", { fullName: "Ben Carter", email: "ben@example.com" })).toBeNull();
  });

  it("refuses common passwords and keyboard walks, saying so", () => {
    expect(passwordWeakness("password1234", anna)).toBe("This is similar to a commonly used password. Try a longer phrase of three or four unrelated words.");
    expect(passwordWeakness("iloveyou12345", anna)).toMatch(/commonly used password/);
    expect(passwordWeakness("qwertyuiopasdf", anna)).toMatch(/commonly used password/);
  });

  it("throws the reason as the named field's error", () => {
    let error: unknown;
    try {
      assertStrongPassword("password1234", anna, "newPassword");
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    expect((error as AppError).fieldErrors?.newPassword?.[0]).toMatch(/commonly used password/);
  });
});
