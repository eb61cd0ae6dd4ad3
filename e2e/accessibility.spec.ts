import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

for (const path of ["/", "/login", "/register", "/forgot-password"]) {
  test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expectNoSeriousA11yViolations(page);
  });
}
