import { getReadDb } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { countPageCache } from "@/lib/observability/metrics";
import { doctorPageFingerprint } from "@/db/queries/doctor-page-fingerprint";
import { RENDER_HEADER, cacheablePage } from "./requests";
import { bodyWithNonce, keptPage, nonceOffsets, renderOnce, type RenderedPage } from "./store";

// The page cache: rendering a public page costs ~35–45 ms of React and Next.js on this
// machine's cores, so a server answering visitors without a session renders each page once and
// answers the same page again while nothing it shows has changed (README → Performance → Page
// cache). A doctor's page is checked on every load against the doctor's fingerprint (free
// times, ratings, reviews, profile: db/queries/doctor-page-fingerprint.ts) and kept at most
// five minutes; the home page and searches are kept PAGE_CACHE_SECONDS and not checked
// (a search's next free times may lag a booking by that long; the doctor's page and the
// booking itself never do). Signed-in users, router and action requests are never answered here.

/** Response headers that belong to one response, or that proxy.ts sets for each visitor. */
const NOT_KEPT = new Set([
  "set-cookie",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "content-security-policy",
  "x-request-id",
]);

/** Where this server listens: `next start` and the standalone server set PORT once listening (HOSTNAME when bound to one address). */
function ownOrigin(): string {
  const host = process.env.HOSTNAME && !["0.0.0.0", "::", "localhost"].includes(process.env.HOSTNAME) ? process.env.HOSTNAME : "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${process.env.PORT ?? "3000"}`;
}

/**
 * A doctor's page is checked against its fingerprint on every load, so time only has to cover
 * what the fingerprint does not see: a reviewer's or a specialty's new name, the first day
 * listed after midnight.
 */
const DOCTOR_PAGE_SECONDS = 300;

const NONCE_IN_CSP = /'nonce-([^']+)'/;

/** Asks this very server for the page (proxy.ts lets the request through to the app because of RENDER_HEADER). */
async function renderOwnPage(key: string): Promise<RenderedPage | null> {
  try {
    const response = await fetch(`${ownOrigin()}${key}`, {
      // Uncompressed: the page is kept as text (its nonce swapped per visitor), and the server compresses each answer itself.
      headers: { accept: "text/html", "accept-encoding": "identity", [RENDER_HEADER]: "1" },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    const body = Buffer.from(await response.arrayBuffer());
    const headers = [...response.headers].filter(([name]) => !NOT_KEPT.has(name));
    const nonce = NONCE_IN_CSP.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? null;
    const keepable = response.status === 200 && !response.headers.has("set-cookie") && nonce !== null;
    return { status: response.status, headers, body, nonce, nonceAt: nonceOffsets(body, nonce), keepable };
  } catch (error) {
    logger.warn({ err: error, key }, "page cache: rendering through the own server failed; the app answers directly");
    return null;
  }
}

/** The page with this visitor's nonce in place of the render's (a random 48-character token: nothing else matches it). */
function answer(page: RenderedPage, nonce: string, result: "hit" | "miss" | "uncacheable"): Response {
  const body = bodyWithNonce(page, nonce);
  const headers = new Headers(page.headers);
  headers.set("x-careslot-page-cache", result);
  countPageCache(result);
  return new Response(body as Uint8Array<ArrayBuffer>, { status: page.status, headers });
}

/**
 * The visitor's page from the cache (or rendered once for everyone waiting), or null when the
 * app must answer the request itself. proxy.ts adds the CSP and security headers.
 */
export async function pageFromCache(request: { method: string; nextUrl: URL; headers: Headers }, nonce: string): Promise<Response | null> {
  const config = env();
  if (config.NODE_ENV !== "production" || config.PAGE_CACHE_SECONDS === 0) return null;
  const target = cacheablePage({ method: request.method, pathname: request.nextUrl.pathname, search: request.nextUrl.search, headers: request.headers });
  if (!target) return null;
  const ttlMs = (target.page.kind === "doctor" ? Math.max(DOCTOR_PAGE_SECONDS, config.PAGE_CACHE_SECONDS) : config.PAGE_CACHE_SECONDS) * 1000;
  let fingerprint: string | null = null;
  if (target.page.kind === "doctor") {
    try {
      fingerprint = await doctorPageFingerprint(getReadDb(), target.page.doctorId);
    } catch (error) {
      logger.warn({ err: error }, "page cache: the doctor's fingerprint could not be read; the app answers directly");
      return null;
    }
    // No profile: the page is a 404, rendered by the app each time.
    if (fingerprint === null) return null;
  }
  const kept = keptPage(target.key, fingerprint);
  if (kept) return answer(kept, nonce, "hit");
  const rendered = await renderOnce(target.key, fingerprint, ttlMs, () => renderOwnPage(target.key));
  return rendered ? answer(rendered, nonce, rendered.keepable ? "miss" : "uncacheable") : null;
}
