import { describe, expect, it } from "vitest";
import { RENDER_HEADER, cacheablePage, cookiesAllowCache } from "./requests";

const DOCTOR = "38f7182c-3610-41ed-88c0-43a1ffea7cfc";
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const get = (path: string, headers: Record<string, string> = {}, method = "GET") => {
  const url = new URL(path, "http://x");
  return cacheablePage({ method, pathname: url.pathname, search: url.search, headers: new Headers({ ...BROWSER, ...headers }) });
};

describe("which requests the page cache may answer", () => {
  it("a visitor's load of the home page, a search or a doctor's page, keyed by path and query", () => {
    expect(get("/")).toEqual({ key: "/", page: { kind: "listing" } });
    expect(get("/doctors?specialization=cardiology&city=Madrid")).toEqual({ key: "/doctors?specialization=cardiology&city=Madrid", page: { kind: "listing" } });
    expect(get(`/doctors/${DOCTOR}?date=2026-12-09`)).toEqual({ key: `/doctors/${DOCTOR}?date=2026-12-09`, page: { kind: "doctor", doctorId: DOCTOR } });
  });

  it("nothing else: other pages, other methods, router and action requests, its own renders, a refused booking's page", () => {
    for (const path of ["/login", "/patient", "/doctors/not-a-uuid", `/doctors/${DOCTOR}/extra`, "/api/v1/doctors"]) expect(get(path)).toBeNull();
    expect(get("/", {}, "POST")).toBeNull();
    expect(get("/", {}, "HEAD")).toBeNull();
    for (const header of ["rsc", "next-action", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-url", RENDER_HEADER])
      expect(get(`/doctors/${DOCTOR}`, { [header]: "1" })).toBeNull();
    expect(get(`/doctors/${DOCTOR}?taken=1`)).toBeNull();
    expect(get(`/doctors/${DOCTOR}?_rsc=abc`)).toBeNull();
  });

  it("only what asks for a document: the router's fetches (Accept */*, Sec-Fetch-Dest empty) reach proxy.ts without their own headers", () => {
    expect(get("/", { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" })).not.toBeNull();
    expect(get("/", { accept: "*/*" })).toBeNull();
    expect(get("/", { accept: "" })).toBeNull();
    expect(get("/", { "sec-fetch-dest": "empty" })).toBeNull();
    expect(get("/", { "sec-fetch-dest": "iframe" })).toBeNull();
  });

  it("a session, a pending confirmation, a reason draft or any unknown cookie sends the request to the app", () => {
    for (const cookie of [
      "authjs.session-token=abc",
      "__Secure-authjs.session-token.0=abc",
      "careslot-confirm=x",
      "careslot-booking-reason=x",
      "authjs.csrf-token=a; tracker=1",
    ]) {
      expect(cookiesAllowCache(cookie)).toBe(false);
      expect(get("/", { cookie })).toBeNull();
    }
  });

  it("Auth.js's CSRF and callback cookies, which a visitor keeps after opening the sign-in page, do not", () => {
    expect(cookiesAllowCache(null)).toBe(true);
    expect(cookiesAllowCache("authjs.csrf-token=a; authjs.callback-url=b")).toBe(true);
    expect(cookiesAllowCache("__Host-authjs.csrf-token=a; __Secure-authjs.callback-url=b;")).toBe(true);
    expect(get("/", { cookie: "__Host-authjs.csrf-token=a" })).not.toBeNull();
  });
});
