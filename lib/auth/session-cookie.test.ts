// "Keep me signed in": how long a session lasts (admins a day at most), and
// the cookie Auth.js writes made to say so — ending with the browser, or with
// its session — whichever of the two it is, chunked or not.
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sessionEnd } from "./session-start";

interface Written {
  name: string;
  value: string;
  options?: { expires?: Date; httpOnly?: boolean };
}

const jar = vi.hoisted(() => ({ sent: "", store: [] as { name: string; value: string }[], written: [] as Written[] }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie: jar.sent }),
  cookies: async () => ({
    getAll: () => jar.store,
    set: (name: string, value: string, options?: Written["options"]) => {
      jar.written.push({ name, value, options });
    },
  }),
}));

const { fitReceivedSessionCookie, fitSessionCookie, hasSessionCookie } = await import("./session-cookie");

const NOW = new Date("2030-03-01T08:00:00Z");
const CONFIG = { SESSION_MAX_HOURS: 12, REMEMBER_DAYS: 30 };
const NAME = "authjs.session-token";

const sealed = (token: Record<string, unknown>) => encode({ token: { sub: "u", sid: "s", ...token }, secret: process.env.AUTH_SECRET!, salt: NAME });

beforeEach(() => {
  jar.sent = "";
  jar.store = [];
  jar.written = [];
});

describe("how long a session lasts", () => {
  const hours = (end: Date) => (end.getTime() - NOW.getTime()) / 3_600_000;

  it("SESSION_MAX_HOURS without Keep me signed in, for every role", () => {
    for (const role of ["patient", "doctor", "admin"] as const) expect(hours(sessionEnd(NOW, role, false, CONFIG))).toBe(12);
  });

  it("REMEMBER_DAYS with it, but an admin's a day at most", () => {
    expect(hours(sessionEnd(NOW, "patient", true, CONFIG))).toBe(30 * 24);
    expect(hours(sessionEnd(NOW, "doctor", true, CONFIG))).toBe(30 * 24);
    expect(hours(sessionEnd(NOW, "admin", true, CONFIG))).toBe(24);
    // The cap is a ceiling, never a floor: a shorter REMEMBER_DAYS applies to admins too.
    expect(hours(sessionEnd(NOW, "admin", true, { ...CONFIG, REMEMBER_DAYS: 0.5 }))).toBe(12);
  });
});

describe("the session cookie Auth.js writes", () => {
  it("ends with the browser when not kept signed in", async () => {
    const value = await sealed({ remembered: false, endsAt: NOW.getTime() / 1000 + 12 * 3600 });
    jar.store = [{ name: NAME, value }];
    await fitSessionCookie();
    expect(jar.written).toEqual([{ name: NAME, value, options: expect.objectContaining({ httpOnly: true }) }]);
    expect(jar.written[0]!.options!.expires).toBeUndefined();
  });

  it("ends when its session does when kept signed in: an admin's after a day, not REMEMBER_DAYS after the last action", async () => {
    const endsAt = new Date("2030-03-02T08:00:00Z");
    const value = await sealed({ remembered: true, role: "admin", endsAt: endsAt.getTime() / 1000 });
    jar.store = [{ name: NAME, value }];
    await fitSessionCookie();
    expect(jar.written).toHaveLength(1);
    expect(jar.written[0]!.options!.expires).toEqual(endsAt);
  });

  it("leaves alone the cookie the browser sent, unless it came back from Google's callback", async () => {
    const endsAt = new Date("2030-03-31T08:00:00Z");
    const value = await sealed({ remembered: true, endsAt: endsAt.getTime() / 1000 });
    jar.store = [{ name: NAME, value }];
    jar.sent = `${NAME}=${value}`;
    await fitSessionCookie();
    expect(jar.written).toEqual([]);
    await fitReceivedSessionCookie();
    expect(jar.written.map((cookie) => cookie.options!.expires)).toEqual([endsAt]);
  });

  it("reads a chunked cookie whole and fits every chunk; a cookie it cannot read ends with the browser", async () => {
    const endsAt = new Date("2030-03-31T08:00:00Z");
    const value = await sealed({ remembered: true, endsAt: endsAt.getTime() / 1000 });
    const cut = Math.floor(value.length / 2);
    // Out of order in the store, as a Map of cookies may give them.
    jar.store = [
      { name: `${NAME}.1`, value: value.slice(cut) },
      { name: `${NAME}.0`, value: value.slice(0, cut) },
      { name: "__Secure-authjs.session-token", value: "not a token" },
      { name: "careslot.two-factor", value: "other" },
    ];
    await fitSessionCookie();
    expect(jar.written.map((cookie) => [cookie.name, cookie.options!.expires])).toEqual([
      [`${NAME}.0`, endsAt],
      [`${NAME}.1`, endsAt],
      ["__Secure-authjs.session-token", undefined],
    ]);
  });
});

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
