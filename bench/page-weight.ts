// Part "front", first half: the first-load JavaScript of each public page (gzip), on a
// phone (390×844) and a desktop (1366×900) screen; a page's figure is the larger of the
// two, since a lazily loaded island may only load where it is in view.
import { chromium } from "playwright-core";
import { FIRST_LOAD_JS_BUDGET_KB, measureFirstLoadJs, type PageWeight } from "../scripts/lib/first-load-js";
import { chromiumLaunchOptions } from "../scripts/lib/chromium";

export interface PageWeightResult {
  path: string;
  gzipKb: number;
  rawKb: number;
  scripts: number;
  budgetKb: number;
  ok: boolean;
  /** The five heaviest scripts, for the reader who wants to know what to cut. */
  heaviest: { url: string; gzipKb: number }[];
}

const SCREENS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

export async function benchPageWeight(pages: { path: string; url: string }[]): Promise<PageWeightResult[]> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const results: PageWeightResult[] = [];
    for (const { path, url } of pages) {
      let worst: PageWeight | null = null;
      for (const viewport of SCREENS) {
        const context = await browser.newContext({ viewport });
        const weight = await measureFirstLoadJs(await context.newPage(), url);
        await context.close();
        if (!worst || weight.gzipKb > worst.gzipKb) worst = weight;
      }
      results.push({
        path,
        gzipKb: worst!.gzipKb,
        rawKb: worst!.rawKb,
        scripts: worst!.scripts.length,
        budgetKb: FIRST_LOAD_JS_BUDGET_KB,
        ok: worst!.gzipKb <= FIRST_LOAD_JS_BUDGET_KB,
        heaviest: worst!.scripts.slice(0, 5).map((script) => ({ url: new URL(script.url).pathname, gzipKb: Math.round(script.gzipBytes / 100) / 10 })),
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}
