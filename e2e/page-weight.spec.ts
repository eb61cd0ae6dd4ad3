import { doctorSeed } from "../db/seed-data";
import { FIRST_LOAD_JS_BUDGET_KB, measureFirstLoadJs, PUBLIC_PAGES } from "../scripts/lib/first-load-js";
import { expect, SCREENS, test } from "./fixtures";

// Issue #21: every public page's first load ships at most 150 KB of JavaScript, gzip-compressed,
// counted as the browser fetches it (the page's chunks and any pulled in right after hydration),
// on a phone and on a desktop screen (a lazily loaded island may load only where it is in view).
// `npm run bench -- front` prints the same figures with the heaviest scripts.
for (const path of PUBLIC_PAGES) {
  for (const [screen, viewport] of SCREENS) {
    test(`${path} on a ${screen} loads at most ${FIRST_LOAD_JS_BUDGET_KB} KB of JavaScript`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ viewport });
      try {
        const weight = await measureFirstLoadJs(await context.newPage(), `${baseURL}${path.replace("[id]", doctorSeed[0].id)}`);
        const listing = weight.scripts.map((script) => `${new URL(script.url).pathname} ${(script.gzipBytes / 1000).toFixed(1)} KB`).join("\n");
        // A page with no script at all would mean the measurement broke, not that the page got lighter.
        expect(weight.scripts.length, "scripts fetched").toBeGreaterThan(0);
        expect(weight.gzipKb, `first-load JavaScript of ${path} (gzip KB):\n${listing}`).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_KB);
      } finally {
        await context.close();
      }
    });
  }
}
