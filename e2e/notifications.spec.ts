import { randomUUID } from "node:crypto";
import { emails } from "../db/schema";
import { closeTestData, createAdminUser, createPatient, db } from "./pages/admin-data";
import { DESKTOP, PHONE, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Issue #20: the "Notifications" section of the account page (with and without
// JavaScript, and the mobile number confirmed by a texted code from the dev
// mailbox), and the admin's "Emails and messages" log with its counts and filters.

test.afterAll(async () => {
  await closeTestData();
});

test("a patient switches reminder texts off and confirms a mobile number with the code texted to it", async ({ page, signIn }) => {
  const patient = await createPatient("Pat Notify");
  await signIn(patient.email);
  await page.goto("/patient/account");
  const section = page.getByRole("region", { name: "Notifications" }).or(page.locator("#notifications"));
  await expect(section.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(section).toContainText("Account and security emails");
  await expectNoSeriousA11yViolations(page);

  const reminderTexts = section.getByRole("group", { name: "Reminders" }).getByLabel("SMS");
  await expect(reminderTexts).toBeChecked();
  await reminderTexts.uncheck();
  await section.getByRole("button", { name: "Save notification preferences" }).click();
  await expect(page.getByText("Notification preferences saved.")).toBeVisible();
  await page.reload();
  await expect(section.getByRole("group", { name: "Reminders" }).getByLabel("SMS")).not.toBeChecked();
  await expect(section.getByRole("group", { name: "Reminders" }).getByLabel("Email")).toBeChecked();

  // +49 151 and eight digits: a German mobile range (+49 153…, which a nine-digit random tail could give, is not one).
  const phone = `+49151${String(Math.floor(10000000 + Math.random() * 89999999))}`;
  await section.getByLabel("Mobile number").fill(phone);
  await section.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${phone}`)).toBeVisible();

  await page.goto("/dev/mailbox");
  const text = page.getByRole("article", { name: `Text message to ${phone}` }).first();
  await expect(text).toContainText("Your Careslot code is");
  const code = (await text.textContent())!.match(/code is (\d{6})/)![1];

  await page.goto("/patient/account#notifications");
  await section.getByLabel(`Code sent to ${phone}`).fill(code === "000000" ? "111111" : "000000");
  await section.getByRole("button", { name: "Confirm number" }).click();
  await expect(section.getByText("That code is not right. 4 tries left.").first()).toBeVisible();
  await section.getByLabel(`Code sent to ${phone}`).fill(code);
  await section.getByRole("button", { name: "Confirm number" }).click();
  await expect(page.getByText(`Your mobile number ${phone} is confirmed.`)).toBeVisible();
  await page.reload();
  await expect(section).toContainText(`Text messages go to ${phone}.`);
  await expectNoSeriousA11yViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the preferences form is a plain form post", async ({ page, signIn }) => {
    const patient = await createPatient("Pat NoScript");
    await signIn(patient.email);
    await page.goto("/patient/account");
    const receipts = page.locator("#notifications").getByRole("group", { name: "Receipts" }).getByLabel("Email");
    await receipts.uncheck();
    await page.getByRole("button", { name: "Save notification preferences" }).click();
    await expect(page.getByText("Notification preferences saved.")).toBeVisible();
    await page.goto("/patient/account");
    await expect(page.locator("#notifications").getByRole("group", { name: "Receipts" }).getByLabel("Email")).not.toBeChecked();
  });
});

test("the admin's Emails and messages log counts per status and filters by status, kind, recipient and date", async ({ page, signIn }) => {
  const admin = await createAdminUser("Ada Messages");
  const tag = randomUUID().slice(0, 8);
  const to = (n: number) => `log-${tag}-${n}@e2e.careslot.test`;
  const base = { subject: "Appointment confirmed", html: "", text: "", template: "booking-confirmation-patient" } as const;
  await db()
    .insert(emails)
    .values([
      { ...base, toAddress: to(1), provider: "resend", status: "delivered", kind: "booking", providerId: `re_${tag}_1` },
      { ...base, toAddress: to(2), provider: "resend", status: "bounced", kind: "booking", providerId: `re_${tag}_2`, error: "550 no such user" },
      { ...base, toAddress: to(3), provider: "resend", status: "suppressed", kind: "reminders", template: "appointment-reminder", subject: "Reminder" },
      { ...base, toAddress: to(4), provider: "resend", status: "sent", kind: null, template: "reset-password", subject: "Reset your password" },
    ]);
  await signIn(admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Emails and messages" }).first().click();
  await expect(page.getByRole("heading", { name: "Emails and messages", level: 1 })).toBeVisible();

  await page.getByLabel("Recipient").fill(`log-${tag}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const counts = page.getByRole("navigation", { name: "Messages per status" });
  await expect(counts.getByRole("link", { name: "All 4" })).toBeVisible();
  await expect(counts.getByRole("link", { name: "Bounced 1" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Emails and text messages, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(5);
  await expectNoSeriousA11yViolations(page);

  await counts.getByRole("link", { name: "Bounced 1" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(to(2));
  await expect(rows.nth(1)).toContainText("550 no such user");

  await page.goto(`/admin/messages?recipient=log-${tag}&kind=account`);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Reset your password");
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`/admin/messages?recipient=log-${tag}&kind=reminders&from=${today}&to=${today}`);
  await expect(rows.nth(1)).toContainText("Suppressed");
  await page.goto(`/admin/messages?recipient=log-${tag}&from=2001-01-01&to=2001-01-02`);
  await expect(page.getByText("No emails or messages match these filters.")).toBeVisible();

  await page.setViewportSize(PHONE);
  await page.goto(`/admin/messages?recipient=log-${tag}`);
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize(DESKTOP);
});
