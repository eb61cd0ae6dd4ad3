import { LRUCache } from "lru-cache";

/** A page as the server rendered it (UTF-8), with where its CSP nonce stands (swapped for each visitor's own). */
export interface RenderedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  nonce: string | null;
  /** Byte offsets of every copy of the nonce in the body. */
  nonceAt: number[];
  /** Set-Cookie or a status other than 200: answered once, never kept. */
  keepable: boolean;
}

/** Where `nonce` occurs in `body`. */
export function nonceOffsets(body: Buffer, nonce: string | null): number[] {
  if (!nonce) return [];
  const offsets: number[] = [];
  for (let at = body.indexOf(nonce); at !== -1; at = body.indexOf(nonce, at + nonce.length)) offsets.push(at);
  return offsets;
}

/**
 * The body with `nonce` written over the render's own. Nonces are all the same length (proxy.ts:
 * base64 of a UUID), so it is a copy and a few writes; a nonce of another length is substituted as text.
 */
export function bodyWithNonce(page: RenderedPage, nonce: string): Buffer {
  if (!page.nonce) return page.body;
  if (Buffer.byteLength(page.nonce) !== Buffer.byteLength(nonce)) return Buffer.from(page.body.toString("utf8").replaceAll(page.nonce, nonce));
  const body = Buffer.from(page.body);
  for (const at of page.nonceAt) body.write(nonce, at, "utf8");
  return body;
}

interface Entry {
  page: RenderedPage;
  /** The doctor page's fingerprint when it was rendered (null for listings, kept only by time). */
  fingerprint: string | null;
}

/** About 650 doctor pages of ~200 KB: the most visited stay, the rest are rendered on their next visit. */
const MAX_BYTES = 128 * 1024 * 1024;

interface PageStore {
  entries: LRUCache<string, Entry>;
  /** Renders in flight per key and fingerprint: ten visitors of one changed page cause one render. */
  rendering: Map<string, Promise<RenderedPage | null>>;
}

// One store per server process (the proxy may be loaded more than once in development).
const holder = globalThis as unknown as { __careslotPageStore?: PageStore };

function store(): PageStore {
  if (holder.__careslotPageStore) return holder.__careslotPageStore;
  holder.__careslotPageStore = {
    entries: new LRUCache<string, Entry>({ maxSize: MAX_BYTES, sizeCalculation: (entry) => entry.page.body.length + 1 }),
    rendering: new Map(),
  };
  return holder.__careslotPageStore;
}

/** The kept page for `key` if it was rendered for this fingerprint and has not outlived its time (renderOnce's `ttlMs`). */
export function keptPage(key: string, fingerprint: string | null): RenderedPage | null {
  const entry = store().entries.get(key);
  return entry && entry.fingerprint === fingerprint ? entry.page : null;
}

/**
 * Renders once for everyone asking for the same key and fingerprint at the same time, and keeps
 * the result when it may be kept. The fingerprint was read before the render began, so a change
 * committed during the render leaves an entry whose fingerprint no longer matches: the next
 * visitor gets a new render, never the older page.
 */
export function renderOnce(key: string, fingerprint: string | null, ttlMs: number, render: () => Promise<RenderedPage | null>): Promise<RenderedPage | null> {
  const { entries, rendering } = store();
  const flight = `${key}\n${fingerprint ?? ""}`;
  const running = rendering.get(flight);
  if (running) return running;
  const promise = render()
    .then((page) => {
      if (page?.keepable) entries.set(key, { page, fingerprint }, { ttl: ttlMs });
      return page;
    })
    .finally(() => rendering.delete(flight));
  rendering.set(flight, promise);
  return promise;
}

/** Tests: forget every kept page. */
export function clearPageStore(): void {
  holder.__careslotPageStore = undefined;
}
