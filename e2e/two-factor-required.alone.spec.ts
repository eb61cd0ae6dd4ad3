import { appSettings } from "../db/schema";
import { closeTestData, createAdminUser, db } from "./pages/admin-data";
import { SignInPage } from "./pages/sign-in-page";
import { TwoFactorPage, codeFor } from "./pages/two-factor-page";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Issue #16: "Require two-factor authentication for". It changes how every
// admin signs in, so this spec runs alone, before the others
// (playwright.config.ts: the "alone" project).

test.afterAll(async () => {
  // Off again whatever happened: the demo data has it off.
  await db().update(appSettings).set({ requireTwoFactorAdmins: false, requireTwoFactorDoctors: false });
  await closeTestData();
});

test("requiring it for admins ends the sessions of admins without it and sends them to set-up right after the password", async ({ browser, page, signIn }) => {
  const setter = await createAdminUser("Ada Policy");
  await signIn(setter.email);
  const policy = page.getByRole("group", { name: "Require two-factor authentication for" });
  const save = page.getByRole("button", { name: "Save two-factor policy" });

  // Not before having it oneself.
  await page.goto("/admin/settings");
  await expect(policy.getByLabel("Admins")).not.toBeChecked();
  await expect(policy.getByLabel("Doctors")).not.toBeChecked();
  await policy.getByLabel("Admins").check();
  await save.click();
  await expect(page.getByRole("alert").filter({ hasText: "before requiring it for admins" })).toBeVisible();
  await new TwoFactorPage(page).enrol("/admin/account");

  // An admin without it, signed in before the requirement.
  const newcomer = await createAdminUser("Ada Newcomer");
  const context = await browser.newContext();
  const other = await context.newPage();
  await new SignInPage(other).goto();
  await new SignInPage(other).signIn(newcomer.email, demo.password);
  await expect(other).toHaveURL(/\/admin$/);

  await page.goto("/admin/settings");
  await policy.getByLabel("Admins").check();
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "two-factor authentication is required for admins" })).toBeVisible();
  // The setter has it: still signed in.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin$/);

  // The newcomer's session has ended; signing in leads to set-up, with no session until it is done.
  await other.goto("/admin");
  await expect(other).toHaveURL(/\/login\?next=/);
  await new SignInPage(other).signIn(newcomer.email, demo.password);
  await expect(other).toHaveURL(/\/login\/two-factor\/setup$/);
  await expect(other.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expectNoSeriousA11yViolations(other);
  await other.goto("/admin");
  await expect(other).toHaveURL(/\/login\?next=/);
  await other.goto("/login/two-factor/setup");

  const secret = await new TwoFactorPage(other).secret();
  await other.getByLabel("Authentication code").fill(codeFor(secret));
  await other.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  expect(await new TwoFactorPage(other).recoveryCodes()).toHaveLength(10);
  await expectNoSeriousA11yViolations(other);
  await other.getByRole("button", { name: "Continue" }).click();
  await expect(other).toHaveURL(/\/admin$/);
  await other.goto("/admin/account");
  await expect(other.getByText(/On since/)).toBeVisible();
  await context.close();

  await page.goto("/admin/settings");
  await policy.getByLabel("Admins").uncheck();
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "no longer required" })).toBeVisible();
});
