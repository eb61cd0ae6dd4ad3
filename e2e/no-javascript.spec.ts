import { doctorSeed } from "../db/seed-data";
import { BookingPage, expectAppointmentBooked, openAppointmentList } from "./pages/booking-page";
import { MailboxPage } from "./pages/mailbox-page";
import { RegisterPage } from "./pages/register-page";
import { SignInPage } from "./pages/sign-in-page";
import { expect, test, uniqueEmail } from "./fixtures";

// The core flows are plain forms posting to server actions: they must work
// before (or without) JavaScript.
test.use({ javaScriptEnabled: false });

test("without JavaScript a patient registers, signs in, books and cancels", async ({ page }) => {
  const email = uniqueEmail("no-js");
  const password = "works without scripts";
  await new RegisterPage(page).register({ fullName: "Noor Scriptless", email, password, role: "Patient" });
  await expect(page).toHaveURL(/\/login\?registered=1/);
  await page.goto(await new MailboxPage(page).linkFrom(email, "Confirm your email address", "/verify-email?token="));
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(page).toHaveURL(/\/patient$/);

  const booking = new BookingPage(page);
  await booking.goto(doctorSeed[8].id);
  await booking.openDayBeyondCancellationWindow();
  await booking.pickFirstSlot();
  await booking.book("Booked with scripts turned off");
  await expectAppointmentBooked(page, { javaScript: false });
  await openAppointmentList(page);
  const row = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: doctorSeed[8].fullName });
  await expect(row).toContainText("Confirmed");

  await row.getByRole("button", { name: "Cancel appointment" }).click();
  await page.getByLabel(/Reason for cancelling/).fill("Plans changed");
  await page.getByRole("button", { name: "Confirm cancellation" }).click();
  await expect(page.getByText("Your appointment was cancelled")).toBeVisible();
});

test("without JavaScript the home page's search lands on the matching doctors", async ({ page }) => {
  await page.goto("/");
  // "Near me" needs the browser's position: without JavaScript it is not offered.
  await expect(page.getByRole("button", { name: "Near me" })).toHaveCount(0);
  await page.getByLabel("Specialty, doctor or condition").fill("chest pain");
  // "Where" step by step: each search brings the next list (the country's regions, then the region's cities).
  const where = page.getByRole("group", { name: "Where" });
  await where.getByLabel("Country").selectOption({ label: "United Kingdom" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/doctors\?q=chest\+pain&country=GB/);
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results).toContainText(doctorSeed[1].fullName);
  await where.getByLabel("Region").selectOption({ label: "England" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await where.getByLabel("City").selectOption({ label: "London" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/doctors\?q=chest\+pain&country=GB&region=ENG&city=London/);
  await expect(results.getByRole("listitem")).toHaveCount(1);
  await expect(results).toContainText(doctorSeed[1].fullName);
});
