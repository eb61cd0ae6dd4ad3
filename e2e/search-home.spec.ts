import { doctorSeed } from "../db/seed-data";
import { chooseWhere, SearchPage } from "./pages/search-page";
import { expect, expectNoSeriousA11yViolations, PHONE, SCREENS, test } from "./fixtures";

// Issue #14: search where patients start, on a phone and at a desk.
const cardiologistLondon = doctorSeed[1];
const cardiologists = doctorSeed.filter((doctor) => doctor.specialization === doctorSeed[1].specialization).map((doctor) => doctor.fullName);

for (const [size, viewport] of SCREENS) {
  test.describe(`at ${size} size`, () => {
    test.use({ viewport });

    test("the home page's search for Cardiology in London lands on the matching doctors, results first", async ({ page }) => {
      await page.goto("/");
      await expectNoSeriousA11yViolations(page);
      // The pickers stay inside the page: a select is as wide as its longest country otherwise.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const search = page.getByRole("search", { name: "Find a doctor" });
      await search.getByLabel("Specialty, doctor or condition").fill("Cardiology");
      await chooseWhere(search.getByRole("group", { name: "Where" }), "London");
      await search.getByRole("button", { name: "Search", exact: true }).click();
      await expect(page).toHaveURL(/\/doctors\?q=Cardiology&country=GB&region=ENG&city=London/);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const results = new SearchPage(page).results;
      await expect(results).toHaveCount(1);
      await expect(results.first()).toContainText(cardiologistLondon.fullName);
      await expect(results.first()).toContainText("Cardiology");
      // The box kept what was typed.
      await expect(page.getByLabel("Specialty, doctor or condition")).toHaveValue("Cardiology");

      const filters = page.locator("details.search-filters");
      if (size === "phone") {
        // Results come before the other filters, which wait behind "Filters".
        expect((await results.first().boundingBox())!.y).toBeLessThan(844);
        await expect(filters).not.toHaveAttribute("open", "");
        await expect(page.getByLabel("Max price")).toBeHidden();
        await page.locator("details.search-filters > summary").click();
        await expect(page.getByLabel("Max price")).toBeVisible();
      } else {
        await expect(page.getByLabel("Max price")).toBeVisible();
        await expect(page.getByRole("group", { name: "Working hours (any of)" })).toBeVisible();
      }
      await expectNoSeriousA11yViolations(page);
    });
  });
}

test("a condition finds its specialists, and the working-hours and language filters narrow through the form (counted on the Filters button)", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/doctors?q=chest+pain");
  const results = new SearchPage(page).results;
  await expect(results).toHaveCount(cardiologists.length);
  for (const name of cardiologists) await expect(page.getByRole("list", { name: "Search results" })).toContainText(name);

  await page.goto("/doctors?city=Berlin");
  const berlin = await results.count();
  expect(berlin).toBeGreaterThan(1);
  await page.locator("details.search-filters > summary").click();
  await page.getByRole("group", { name: "Working hours (any of)" }).getByLabel("Weekends").check();
  await page.getByLabel("Language").selectOption("German");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/hours=weekends/);
  await expect(page).toHaveURL(/language=German/);
  await expect(page.locator("details.search-filters > summary")).toHaveText("Filters (2)");
  // Only doctors with weekend hours who speak German are left (seeded Berlin doctors work weekdays only).
  expect(await results.count()).toBeLessThan(berlin);
  await page.locator("details.search-filters > summary").click();
  await page.getByRole("group", { name: "Working hours (any of)" }).getByLabel("Weekends").uncheck();
  await page.getByRole("group", { name: "Working hours (any of)" }).getByLabel("Mornings").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/hours=mornings/);
  await expect(results.first()).toBeVisible();
  for (const card of await results.allInnerTexts()) expect(card).toContain("Berlin");
});
