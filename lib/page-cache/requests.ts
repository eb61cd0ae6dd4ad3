// Which requests the page cache may answer (lib/page-cache/serve.ts): a visitor's plain page
// load of the public pages everyone sees alike. Anything that could make the page differ for
// this visitor (a session, a pending confirmation, a reason draft, a router or action request)
// goes to the app as before.

/** The header the cache sends when it asks its own server for a page: that request is rendered, never answered from the cache. */
export const RENDER_HEADER = "x-careslot-render";

export type CachedPageKind = { kind: "doctor"; doctorId: string } | { kind: "listing" };

export interface CacheablePage {
  key: string;
  page: CachedPageKind;
}

const DOCTOR_PAGE = /^\/doctors\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const LISTINGS = new Set(["/", "/doctors"]);

/** Requests the app router, a server action or this cache itself makes: never from the cache. */
const APP_REQUEST_HEADERS = [
  "rsc",
  "next-action",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-url",
  "x-nextjs-data",
  RENDER_HEADER,
];

/**
 * A page load as a browser makes one: it asks for HTML, and a browser that says what the request
 * is for says "document". Next.js hides the router's own headers (RSC and the rest) from proxy.ts
 * and strips its `_rsc` parameter, so this is what tells a router fetch (fetch()'s default
 * `Accept: *\/*`, `Sec-Fetch-Dest: empty`) from a page load there; the headers above are checked
 * too, should a later Next.js pass them on.
 */
function asksForDocument(headers: Headers): boolean {
  const destination = headers.get("sec-fetch-dest");
  return (headers.get("accept") ?? "").includes("text/html") && (destination === null || destination === "document");
}

/**
 * Cookies that do not change these pages: Auth.js's CSRF and callback cookies, which a visitor
 * keeps after opening the sign-in page. Any other cookie (a session, the confirmation page's, the
 * booking reason draft, something unknown) sends the request to the app.
 */
const HARMLESS_COOKIE = /^(?:__Host-|__Secure-)?authjs\.(?:csrf-token|callback-url)$/;

export function cookiesAllowCache(cookieHeader: string | null): boolean {
  if (!cookieHeader) return true;
  return cookieHeader
    .split(";")
    .map((pair) => pair.split("=", 1)[0]!.trim())
    .every((name) => name === "" || HARMLESS_COOKIE.test(name));
}

export function cacheablePage(request: { method: string; pathname: string; search: string; headers: Headers }): CacheablePage | null {
  if (request.method !== "GET") return null;
  if (APP_REQUEST_HEADERS.some((name) => request.headers.has(name)) || !asksForDocument(request.headers)) return null;
  if (!cookiesAllowCache(request.headers.get("cookie"))) return null;
  const params = new URLSearchParams(request.search);
  // After a refused booking the page reads the primary to show the booking that won: always fresh.
  if (params.has("taken") || params.has("_rsc")) return null;
  const key = `${request.pathname}${request.search}`;
  const doctor = DOCTOR_PAGE.exec(request.pathname);
  if (doctor) return { key, page: { kind: "doctor", doctorId: doctor[1]! } };
  return LISTINGS.has(request.pathname) ? { key, page: { kind: "listing" } } : null;
}
