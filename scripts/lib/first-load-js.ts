// First-load JavaScript of a page, as a visitor's browser fetches it: every script the
// page loads until the network is idle (the HTML's own chunks, and any a client
// component or the router pulls in right after hydration), each gzip-compressed at the
// level the standalone server's compression uses. The bench (`npm run bench -- front`)
// prints it and e2e/page-weight.spec.ts fails when a public page goes over the budget.
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";

/** Issue #21: first-load JavaScript ≤ 150 KB compressed on every public page. */
export const FIRST_LOAD_JS_BUDGET_KB = 150;

/** The public pages the budget covers; `[id]` is replaced by a public doctor's id. */
export const PUBLIC_PAGES = ["/", "/doctors", "/doctors/[id]", "/login", "/register"] as const;

export interface ScriptWeight {
  url: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  path: string;
  scripts: ScriptWeight[];
  /** Sum of the scripts' gzip sizes, in KB (1 KB = 1,000 bytes, as Next's build output counts). */
  gzipKb: number;
  rawKb: number;
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10;

/** Loads `url` in a fresh page of `page`'s context (no cache) and sums the JavaScript it fetched. */
export async function measureFirstLoadJs(page: Page, url: string): Promise<PageWeight> {
  const pending: Promise<ScriptWeight | null>[] = [];
  const onResponse = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      response
        .body()
        .then((body) => ({ url: response.url(), bytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length }))
        .catch(() => null),
    );
  };
  page.on("response", onResponse);
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
  } finally {
    page.off("response", onResponse);
  }
  const scripts = (await Promise.all(pending)).filter((script): script is ScriptWeight => script !== null);
  // A script fetched twice (a retry, a second tag) is one download for the budget.
  const unique = [...new Map(scripts.map((script) => [script.url, script])).values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
  const { pathname } = new URL(url);
  return {
    path: pathname,
    scripts: unique,
    gzipKb: kb(unique.reduce((sum, script) => sum + script.gzipBytes, 0)),
    rawKb: kb(unique.reduce((sum, script) => sum + script.bytes, 0)),
  };
}
