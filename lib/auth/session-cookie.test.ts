import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "./session-cookie";

describe("hasSessionCookie", () => {
  it("finds Auth.js's session cookie on http and https, whole or in chunks", () => {
    expect(hasSessionCookie("authjs.session-token=abc")).toBe(true);
    expect(hasSessionCookie("theme=dark; __Secure-authjs.session-token=abc")).toBe(true);
    expect(hasSessionCookie("a=1;authjs.session-token.0=abc; authjs.session-token.1=def")).toBe(true);
  });

  it("answers no for a visitor: no cookies, or only Auth.js's other cookies and our own", () => {
    expect(hasSessionCookie(null)).toBe(false);
    expect(hasSessionCookie("")).toBe(false);
    expect(hasSessionCookie("authjs.csrf-token=x; authjs.callback-url=%2F; careslot-reason-draft=y")).toBe(false);
    // A value that merely mentions the name is not the cookie.
    expect(hasSessionCookie("note=authjs.session-token")).toBe(false);
    expect(hasSessionCookie("xauthjs.session-token=abc")).toBe(false);
  });
});
