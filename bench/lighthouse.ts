// Part "front", second half: Lighthouse 12.2.3 (pinned: 13 needs Node 22) with its default
// mobile emulation and simulated throttling, against the system Chromium, three runs per
// page; each figure is the median of its three (this machine is shared, so TBT is noisy).
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromiumPath } from "../scripts/lib/chromium";
import { percentile } from "./lib/stats";

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export const LIGHTHOUSE_BUDGETS = { score: 95, lcpMs: 1800, tbtMs: 50, cls: 0 } as const;
export const LIGHTHOUSE_RUNS = 3;

export interface LighthouseRun {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
}

export interface LighthouseResult extends LighthouseRun {
  path: string;
  runs: LighthouseRun[];
  ok: boolean;
}

async function runOnce(url: string, port: number): Promise<LighthouseRun> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  // LIGHTHOUSE_REPORT_DIR=/tmp/x keeps each run's full report (the LCP element, the long tasks) for a closer look.
  if (process.env.LIGHTHOUSE_REPORT_DIR) {
    const name = `${new URL(url).pathname.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "home"}-${Date.now()}.json`;
    fs.mkdirSync(process.env.LIGHTHOUSE_REPORT_DIR, { recursive: true });
    fs.writeFileSync(path.join(process.env.LIGHTHOUSE_REPORT_DIR, name), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: Math.round(audit("largest-contentful-paint")),
    tbtMs: Math.round(audit("total-blocking-time")),
    cls: Math.round(audit("cumulative-layout-shift") * 1000) / 1000,
    fcpMs: Math.round(audit("first-contentful-paint")),
  };
}

/** Lighthouse sometimes fails to record a trace on a machine this busy (NO_NAVSTART) and says to run it again: once more, then give up. */
async function runWithRetry(url: string, port: number): Promise<LighthouseRun> {
  try {
    return await runOnce(url, port);
  } catch (error) {
    console.log(`   (${(error as Error).message.split("\n")[0]}: running it again)`);
    return runOnce(url, port);
  }
}

export async function benchLighthouse(pages: { path: string; url: string }[], runs = LIGHTHOUSE_RUNS): Promise<LighthouseResult[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    logLevel: "error",
  });
  try {
    const results: LighthouseResult[] = [];
    for (const { path, url } of pages) {
      await fetch(url).then((response) => response.text()); // the server's first render of a route is not what a visitor waits for
      const all: LighthouseRun[] = [];
      for (let k = 0; k < runs; k++) all.push(await runWithRetry(url, chrome.port));
      const mid = (pick: (run: LighthouseRun) => number) => median(all.map(pick));
      const figures = {
        score: mid((r) => r.score),
        lcpMs: mid((r) => r.lcpMs),
        tbtMs: mid((r) => r.tbtMs),
        cls: mid((r) => r.cls),
        fcpMs: mid((r) => r.fcpMs),
      };
      const b = LIGHTHOUSE_BUDGETS;
      results.push({
        path,
        ...figures,
        runs: all,
        ok: figures.score >= b.score && figures.lcpMs <= b.lcpMs && figures.tbtMs <= b.tbtMs && figures.cls <= b.cls,
      });
    }
    return results;
  } finally {
    chrome.kill();
  }
}
