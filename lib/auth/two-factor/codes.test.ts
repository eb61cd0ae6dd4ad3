// The pure parts: TOTP codes against RFC 6238's own test vector, the drift
// window, and the recovery codes' shape, typing rules and keyed hash.
import { describe, expect, it } from "vitest";
import { refundAttempt, LOCKOUT_MAX_FAILURES } from "@/lib/auth/lockout";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode, recoveryCodeKey } from "./recovery-codes";
import { generateTotpSecret, groupedSecret, matchingTotpStep, totpCodeAt, totpUri } from "./totp";

// RFC 6238 appendix B: the ASCII secret "12345678901234567890" (base32 below), SHA-1, at 59 s → 94287082 (8 digits; ours are the last 6).
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  it("matches RFC 6238's test vector", () => {
    expect(totpCodeAt(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totpCodeAt(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
  });

  it("accepts the step before and after (drift), answering the step it belongs to; refuses two steps away and non-codes", () => {
    const now = new Date(Date.UTC(2030, 0, 1, 12, 0, 15));
    const step = Math.floor(now.getTime() / 30_000);
    expect(matchingTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now), now)).toBe(step);
    expect(matchingTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchingTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(matchingTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, new Date(now.getTime() - 60_000)), now)).toBeNull();
    const spaced = totpCodeAt(RFC_SECRET, now).replace(/(\d{3})/, "$1 ");
    expect(matchingTotpStep(RFC_SECRET, spaced, now)).toBe(step);
    for (const bad of ["", "12345", "1234567", "abcdef"]) expect(matchingTotpStep(RFC_SECRET, bad, now)).toBeNull();
  });

  it("makes 160-bit base32 secrets and an otpauth URI an app reads", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "ann@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Careslot");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(groupedSecret("ABCDEFGH12")).toBe("ABCD EFGH 12");
  });
});

describe("recovery codes", () => {
  it("ten distinct XXXXX-XXXXX codes of Crockford's alphabet", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it("reads them as typed: case, spaces and hyphens do not matter, O and I/L read as 0 and 1; anything else is no code", () => {
    expect(normaliseRecoveryCode(" ab1cd-ef2gh ")).toBe("AB1CDEF2GH");
    expect(normaliseRecoveryCode("OOIIL-00111")).toBe("0011100111");
    for (const bad of ["", "ABCDE", "ABCDE-FGHJKM", "ABCDE-FGHJU", "123456"]) expect(normaliseRecoveryCode(bad)).toBeNull();
  });

  it("hashes them under a key: the same code hashes alike however typed, another key or code differently", () => {
    const key = recoveryCodeKey("a secret of at least thirty-two characters");
    const hash = hashRecoveryCode(key, "AB1CD-EF2GH");
    expect(hash).toBe(hashRecoveryCode(key, "ab1cdef2gh"));
    expect(hash).not.toBe(hashRecoveryCode(key, "AB1CD-EF2GJ"));
    expect(hash).not.toBe(hashRecoveryCode(recoveryCodeKey("another secret of at least thirty-two chars"), "AB1CD-EF2GH"));
    expect(hash).not.toContain("AB1CD");
    expect(hashRecoveryCode(key, "nope")).toBeNull();
  });
});

describe("refundAttempt", () => {
  const t = new Date("2030-01-01T00:00:00Z");
  it("takes back one failure and the lock it alone set, keeping earlier failures", () => {
    expect(refundAttempt(null)).toBeNull();
    expect(refundAttempt({ failures: 1, windowStartedAt: t, lockedUntil: null })).toEqual({ failures: 0, windowStartedAt: t, lockedUntil: null });
    expect(refundAttempt({ failures: LOCKOUT_MAX_FAILURES, windowStartedAt: t, lockedUntil: new Date(t.getTime() + 60_000) })).toEqual({
      failures: LOCKOUT_MAX_FAILURES - 1,
      windowStartedAt: t,
      lockedUntil: null,
    });
  });
});
