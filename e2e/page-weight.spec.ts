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

// Whatever is done to make the pages lighter, the server's HTML holds every part whole: a Suspense
// boundary React left pending (<!--$?-->, filled in later by an inline script) or gave up on (<!--$!-->,
// rendered in the browser) would be empty without JavaScript. (Tried for TBT, issue #21: Suspense
// boundaries around a page's parts to hydrate them apart; React streamed them as pending, so no.)
for (const path of PUBLIC_PAGES) {
  test(`${path} sends its whole content in the HTML, with no part left for script to fill`, async ({ request }) => {
    const response = await request.get(path.replace("[id]", doctorSeed[0].id));
    expect(response.ok()).toBe(true);
    const html = await response.text();
    expect(html).toContain("</main>");
    expect(html).not.toContain("<!--$?-->");
    expect(html).not.toContain("<!--$!-->");
  });
}
