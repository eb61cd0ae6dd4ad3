import type { Browser, BrowserContext } from "@playwright/test";
import { closeTestData, createAdminUser, createDoctor, createPatient, type Person } from "./pages/admin-data";
import { MailboxPage } from "./pages/mailbox-page";
import { RegisterPage } from "./pages/register-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures";

// Issue #16: passwords for every role, sessions you can see, "Keep me signed in".

test.afterAll(async () => {
  await closeTestData();
});

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function signedInContext(
  browser: Browser,
  person: Person,
  options: { userAgent?: string; remember?: boolean; forwardedFor?: string } = {},
): Promise<BrowserContext> {
  // forwardedFor: the address a proxy in front would report (README → Security: the first hop of X-Forwarded-For).
  const context = await browser.newContext({
    userAgent: options.userAgent,
    extraHTTPHeaders: options.forwardedFor ? { "X-Forwarded-For": options.forwardedFor } : undefined,
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(demo.password);
  if (options.remember) await page.getByLabel("Keep me signed in").check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.close();
  return context;
}

const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"))!;

for (const [role, make] of [
  ["doctor", () => createDoctor({ name: "Dr. New Password" })],
  ["admin", () => createAdminUser("Ada Password")],
] as const) {
  test(`a ${role} changes their password on the account page; the new one signs in`, async ({ browser }) => {
    const person = await make();
    const context = await signedInContext(browser, person);
    const page = await context.newPage();
    await page.goto(`/${role}/account`);
    await page.getByLabel("Current password").fill(demo.password);
    await page.getByLabel(/^New password/).fill(person.email.split("@")[0]!);
    await page.getByLabel("Repeat new password").fill(person.email.split("@")[0]!);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("This is too close to your name or email address. Choose words unrelated to you.")).toBeVisible();

    await page.getByLabel("Current password").fill(demo.password);
    await page.getByLabel(/^New password/).fill("violet harbour lantern 7");
    await page.getByLabel("Repeat new password").fill("violet harbour lantern 7");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await context.close();

    const fresh = await browser.newPage();
    await new SignInPage(fresh).goto();
    await new SignInPage(fresh).signIn(person.email, "violet harbour lantern 7");
    await expect(fresh).toHaveURL(new RegExp(`/${role}$`));
    await fresh.close();
  });
}

test("the session list shows both browsers, and signing one out ends it at its next request", async ({ browser }) => {
  const patient = await createPatient("Sam Sessions");
  // The phone signs in from a German network (a block long registered there), the desk from this machine.
  const phone = await signedInContext(browser, patient, { userAgent: SAFARI_IPHONE, forwardedFor: "193.99.144.80" });
  const desk = await signedInContext(browser, patient, { userAgent: FIREFOX });
  const page = await desk.newPage();
  await page.goto("/patient/account");
  const list = page.getByRole("list", { name: "Active sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("Firefox 128 on Windows 10");
  await expect(list.getByRole("listitem").first()).toContainText("This browser");
  await expect(list.getByRole("listitem").nth(1)).toContainText("Safari 17 on iOS");
  await expect(list.getByRole("listitem").nth(1)).toContainText("Germany · Network 193.99.144.x");
  // This machine's loopback address has no place: only its network is shown.
  await expect(list.getByRole("listitem").first()).toContainText("Network 127.0.0.x · Signed in");
  await expect(list.getByRole("listitem").first()).not.toContainText("· Network");
  await expectNoSeriousA11yViolations(page);

  const phonePage = await phone.newPage();
  await phonePage.goto("/patient");
  await expect(phonePage).toHaveURL(/\/patient$/);
  await list.getByRole("button", { name: "Sign out Safari 17 on iOS" }).click();
  await expect(page.getByText("That session was signed out.")).toBeVisible();
  await phonePage.goto("/patient");
  await expect(phonePage).toHaveURL(/\/login/);
  await page.reload();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("No other browser is signed in to your account.")).toBeVisible();
  await phone.close();
  await desk.close();
});

test("Keep me signed in: unticked the cookie ends with the browser, even after an action; ticked it lasts the remembered days", async ({ browser }) => {
  const patient = await createPatient("Rita Remember");
  const plain = await signedInContext(browser, patient);
  expect((await sessionCookie(plain)).expires).toBe(-1);
  // An action (Auth.js may refresh its cookie on it) keeps it a browser-session cookie.
  const page = await plain.newPage();
  await page.goto("/patient/account");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel(/^New password/).fill("violet harbour lantern 7");
  await page.getByLabel("Repeat new password").fill("violet harbour lantern 7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.goto("/patient");
  expect((await sessionCookie(plain)).expires).toBe(-1);
  await plain.close();

  const remembered = await signedInContext(browser, patient, { remember: true });
  const days = ((await sessionCookie(remembered)).expires * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThanOrEqual(30.1);
  const account = await remembered.newPage();
  await account.goto("/patient/account");
  await expect(account.getByRole("list", { name: "Active sessions" }).getByRole("listitem").first()).toContainText("kept signed in");
  // An action (Auth.js renews its cookie) does not stretch it past the session's own end.
  const before = (await sessionCookie(remembered)).expires;
  await account.getByLabel("Current password").fill("not my password at all");
  await account.getByLabel(/^New password/).fill("violet harbour lantern 7");
  await account.getByLabel("Repeat new password").fill("violet harbour lantern 7");
  await account.getByRole("button", { name: "Change password" }).click();
  await expect(account.getByText("That is not your current password.")).toBeVisible();
  await account.goto("/patient");
  expect((await sessionCookie(remembered)).expires).toBe(before);
  await remembered.close();
});

test("Keep me signed in keeps an admin for a day at most, cookie included", async ({ browser }) => {
  const admin = await createAdminUser("Ada Remember");
  const remembered = await signedInContext(browser, admin, { remember: true });
  const hours = ((await sessionCookie(remembered)).expires * 1000 - Date.now()) / 3_600_000;
  expect(hours).toBeGreaterThan(23.5);
  expect(hours).toBeLessThanOrEqual(24);
  const account = await remembered.newPage();
  await account.goto("/admin/account");
  await expect(account.getByRole("list", { name: "Active sessions" }).getByRole("listitem").first()).toContainText("kept signed in");
  await remembered.close();
});

test("the 6-digit code in the confirmation email confirms the address on /verify-email", async ({ page }) => {
  const email = uniqueEmail("code");
  await new RegisterPage(page).register({ fullName: "Cora Code", email, password: "violet harbour lantern 7", role: "Patient" });
  await expect(page).toHaveURL(/\/login\?registered=1/);
  const text = await new MailboxPage(page).textOf(email, "Confirm your email address");
  const code = /(\d{6})/.exec(text.split("Or enter this code")[1] ?? "")![1]!;

  await page.goto("/verify-email");
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("6-digit code").fill(code === "000000" ? "000001" : "000000");
  await page.getByRole("button", { name: "Confirm email" }).click();
  await expect(page.getByText(/^That code is not right/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("6-digit code").fill(code);
  await page.getByRole("button", { name: "Confirm email" }).click();
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
  await expect(page.getByText("you can book appointments")).toBeVisible();
});
