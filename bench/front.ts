// Part "front" (`npm run bench -- front`, also `npm run lighthouse`): what a visitor's
// browser gets from the public pages of `npm run build`'s standalone server with the demo
// data: first-load JavaScript against its budget, then Lighthouse's mobile figures.
import os from "node:os";
import { PUBLIC_PAGES } from "../scripts/lib/first-load-js";
import { startFrontServer } from "./lib/front-server";
import { benchLighthouse, LIGHTHOUSE_BUDGETS, LIGHTHOUSE_RUNS, type LighthouseResult } from "./lighthouse";
import { benchPageWeight, type PageWeightResult } from "./page-weight";
import { table } from "./lib/stats";

/** Lighthouse's pages (issue #21): the landing page, the search and a doctor's page. */
const LIGHTHOUSE_PAGES = ["/", "/doctors", "/doctors/[id]"];

export type FrontResult =
  { loadAverage: [number, number, number]; pageWeight: PageWeightResult[]; lighthouse: LighthouseResult[]; ok: boolean } | { skipped: string };

export async function benchFront(): Promise<FrontResult> {
  let server;
  try {
    server = await startFrontServer(PUBLIC_PAGES);
  } catch (error) {
    if (/npm run build/.test((error as Error).message)) return { skipped: (error as Error).message };
    throw error;
  }
  try {
    const pageWeight = await benchPageWeight(server.pages);
    const lighthouse = await benchLighthouse(server.pages.filter((page) => LIGHTHOUSE_PAGES.includes(page.path)));
    const loadAverage = os.loadavg().map((value) => Math.round(value * 100) / 100) as [number, number, number];
    return { loadAverage, pageWeight, lighthouse, ok: pageWeight.every((page) => page.ok) && lighthouse.every((page) => page.ok) };
  } finally {
    await server.stop();
  }
}

export function printFront(result: FrontResult): void {
  console.log("\n9. Front end: the public pages of the standalone server, demo data");
  if ("skipped" in result) {
    console.log(`   skipped: ${result.skipped}`);
    return;
  }
  const mark = (ok: boolean) => (ok ? "ok" : "OVER");
  console.log("   First-load JavaScript (gzip; the larger of a phone and a desktop screen):");
  console.log(
    table(
      ["page", "KB gzip", "budget", "", "KB raw", "scripts", "heaviest"],
      result.pageWeight.map((p) => [
        p.path,
        p.gzipKb,
        `≤ ${p.budgetKb}`,
        mark(p.ok),
        p.rawKb,
        p.scripts,
        p.heaviest
          .slice(0, 2)
          .map((s) => `${s.url.split("/").pop()} ${s.gzipKb}`)
          .join(", "),
      ]),
    ).replace(/^/gm, "   "),
  );
  const b = LIGHTHOUSE_BUDGETS;
  console.log(`\n   Lighthouse 12.2.3, mobile emulation, median of ${LIGHTHOUSE_RUNS} runs (load average after: ${result.loadAverage.join(", ")}):`);
  console.log(
    table(
      ["page", `score (≥ ${b.score})`, `LCP ms (≤ ${b.lcpMs})`, `TBT ms (≤ ${b.tbtMs})`, `CLS (${b.cls})`, "FCP ms", "", "runs: score/LCP/TBT"],
      result.lighthouse.map((p) => [
        p.path,
        p.score,
        p.lcpMs,
        p.tbtMs,
        p.cls,
        p.fcpMs,
        mark(p.ok),
        p.runs.map((r) => `${r.score}/${r.lcpMs}/${r.tbtMs}`).join(" "),
      ]),
    ).replace(/^/gm, "   "),
  );
}
