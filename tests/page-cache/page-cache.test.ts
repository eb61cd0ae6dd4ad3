// The page cache (lib/page-cache) on the standalone server as deployed: a visitor's page is
// rendered once and answered again with the visitor's own CSP nonce; a booking, a profile edit
// or anything else the doctor's fingerprint sees takes effect on the very next load; searches
// lag at most PAGE_CACHE_SECONDS; signed-in users never get a kept page; 0 turns it off.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doctorProfiles, users } from "@/db/schema";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { freePort, startStandaloneServer, type StandaloneServer } from "@/scripts/lib/standalone-cluster";
import { createDoctor, createPatient } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { sessionCookieFor } from "@/tests/session-cookie";
import { standaloneServerEnv } from "@/tests/standalone-server-env";
import { postBooking, readBookingForm } from "@/tests/scale-out/http-client";

const SEARCH_SECONDS = 2;
let database: IsolatedDatabase;
let server: StandaloneServer;

async function startServer(pageCacheSeconds: number): Promise<StandaloneServer> {
  const port = await freePort();
  return startStandaloneServer({
    name: "page-cache",
    port,
    env: {
      ...standaloneServerEnv({ databaseUrl: database.url, appUrl: `http://127.0.0.1:${port}`, logLevel: "warn" }),
      PAGE_CACHE_SECONDS: String(pageCacheSeconds),
    },
  });
}

beforeAll(async () => {
  database = await createIsolatedDatabase("page_cache");
  server = await startServer(SEARCH_SECONDS);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

interface Load {
  cache: string | null;
  html: string;
  /** The nonce the Content-Security-Policy header allows. */
  nonce: string;
}

/** A browser's page load: it asks for HTML (the router's own fetches do not: lib/page-cache/requests.ts). */
const PAGE_LOAD = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "sec-fetch-dest": "document" };

async function load(url: string, cookie?: string): Promise<Load> {
  const response = await fetch(url, { headers: { ...PAGE_LOAD, ...(cookie ? { cookie } : {}) } });
  expect(response.status).toBe(200);
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce).toBeTruthy();
  return { cache: response.headers.get("x-careslot-page-cache"), html: await response.text(), nonce: nonce! };
}

/** Every nonce the page's scripts carry. */
const scriptNonces = (html: string) => new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]));
const withoutNonce = (page: Load) => page.html.replaceAll(page.nonce, "NONCE");

describe("the page cache", () => {
  it("answers a visitor's second load of a doctor's page from the cache, with the visitor's own nonce", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(database.db, { fullName: "Dr. Cached Once" });
    const url = `${server.url}/doctors/${doctor.id}`;
    const first = await load(url);
    const second = await load(url);
    expect(first.cache).toBe("miss");
    expect(second.cache).toBe("hit");
    expect(second.nonce).not.toBe(first.nonce);
    expect(scriptNonces(second.html)).toEqual(new Set([second.nonce]));
    expect(second.html).not.toContain(first.nonce);
    expect(withoutNonce(second)).toBe(withoutNonce(first));
    expect(second.html).toContain("Dr. Cached Once");
  });

  it("takes a booked time off the page on the very next load, and shows a profile edit at once", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(database.db);
    const patient = await createPatient(database.db);
    const session = await sessionCookieFor(database.db, { id: patient.id, role: "patient" });
    const startsAt = bookableTuesdayTen();
    const slot = new Date(startsAt).toISOString();
    const url = `${server.url}/doctors/${doctor.id}?date=${startsAt.slice(0, 10)}`;
    expect((await load(url)).html).toContain(`value="${slot}"`);
    expect((await load(url)).cache).toBe("hit");

    const form = await readBookingForm(server.url, session, doctor.id, startsAt);
    expect(await postBooking(server.url, session, form, { doctorId: doctor.id, startsAt })).toMatchObject({ outcome: "booked" });
    const afterBooking = await load(url);
    expect(afterBooking.cache).toBe("miss");
    expect(afterBooking.html).not.toContain(`value="${slot}"`);
    expect((await load(url)).cache).toBe("hit");

    await database.db.update(doctorProfiles).set({ bio: "Now also sees children." }).where(eq(doctorProfiles.userId, doctor.id));
    const afterEdit = await load(url);
    expect(afterEdit.cache).toBe("miss");
    expect(afterEdit.html).toContain("Now also sees children.");
  });

  it("keeps a search no longer than PAGE_CACHE_SECONDS", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(database.db, { fullName: "Dr. Searchable Cachewell" });
    const url = `${server.url}/doctors?q=Cachewell`;
    expect((await load(url)).html).toContain("Dr. Searchable Cachewell");
    await database.db.update(users).set({ fullName: "Dr. Renamed Cachewell" }).where(eq(users.id, doctor.id));
    const kept = await load(url);
    expect(kept.cache).toBe("hit");
    expect(kept.html).toContain("Dr. Searchable Cachewell");
    await new Promise((resolve) => setTimeout(resolve, SEARCH_SECONDS * 1000 + 300));
    const later = await load(url);
    expect(later.cache).toBe("miss");
    expect(later.html).toContain("Dr. Renamed Cachewell");
  });

  it("never answers a signed-in user, a router request or a request with an unknown cookie from it", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(database.db);
    const patient = await createPatient(database.db);
    const session = await sessionCookieFor(database.db, { id: patient.id, role: "patient" });
    const url = `${server.url}/doctors/${doctor.id}`;
    await load(url);
    expect((await load(url)).cache).toBe("hit");
    const signedIn = await load(url, session);
    expect(signedIn.cache).toBeNull();
    expect(signedIn.html).not.toContain("Sign in to book");
    expect((await load(url, "tracker=1")).cache).toBeNull();
    // As the app router fetches a page's data (Next.js hides its RSC header from proxy.ts).
    const router = await fetch(url, { headers: { RSC: "1", accept: "*/*", "sec-fetch-dest": "empty" } });
    expect(router.headers.get("x-careslot-page-cache")).toBeNull();
    expect(router.headers.get("content-type")).toContain("text/x-component");
    await router.arrayBuffer();
    // Even one that says nothing about what it is for, as some HTTP clients do.
    const bare = await fetch(url, { headers: { RSC: "1" } });
    expect(bare.headers.get("x-careslot-page-cache")).toBeNull();
    expect(bare.headers.get("content-type")).toContain("text/x-component");
    await bare.arrayBuffer();
  });

  it("is off with PAGE_CACHE_SECONDS=0", { timeout: 90_000 }, async () => {
    const off = await startServer(0);
    try {
      const doctor = await createDoctor(database.db);
      for (let i = 0; i < 2; i++) expect((await load(`${off.url}/doctors/${doctor.id}`)).cache).toBeNull();
    } finally {
      await off.stop();
    }
  });
});
