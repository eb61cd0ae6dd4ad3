import type { Page } from "@playwright/test";
import { DESKTOP, PHONE, demo, expect, test } from "./fixtures";
import { BookingPage } from "./pages/booking-page";
import { TestData } from "./pages/profile-page";

const data = new TestData();
test.afterAll(() => data.close());

/** Nothing scrolls sideways: not the page, and no table or scroll container within it. */
async function expectNoSidewaysScroll(page: Page) {
  const wide = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) found.push(`the page: ${root.scrollWidth} > ${window.innerWidth}`);
    for (const element of document.querySelectorAll("body *")) {
      const overflowX = getComputedStyle(element).overflowX;
      const scrolls = element.tagName === "TABLE" || overflowX === "auto" || overflowX === "scroll";
      if (scrolls && element.scrollWidth > element.clientWidth + 1)
        found.push(`${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth} > ${element.clientWidth}`);
    }
    return found;
  });
  expect(wide, `sideways scrolling on ${page.url()}`).toEqual([]);
}

/** Anna's pages, with one of her appointments and one of her payments (the seed gives her past visits and payments). */
async function annaPages(page: Page): Promise<string[]> {
  await page.goto("/patient/appointments");
  const appointmentHref = await page.getByRole("table", { name: "Past appointments" }).getByRole("link").first().getAttribute("href");
  await page.goto("/patient/payments");
  const paymentHref = await page
    .getByRole("main")
    .getByRole("link", { name: /^Receipt/ })
    .first()
    .getAttribute("href");
  expect(appointmentHref).toMatch(/^\/patient\/appointments\/[0-9a-f-]{36}$/);
  expect(paymentHref).toMatch(/^\/patient\/payments\/[0-9a-f-]{36}$/);
  return ["/patient", "/patient/appointments", appointmentHref!, "/patient/payments", paymentHref!, "/patient/records", "/patient/profile", "/patient/account"];
}

test.describe("on a phone (390×844)", () => {
  test.use({ viewport: PHONE });

  test("every patient page fits the screen; the lists are cards with each value named and the actions visible", async ({ page, signIn }) => {
    await signIn(demo.patient.email);
    for (const path of await annaPages(page)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoSidewaysScroll(page);
    }
    await page.goto("/patient/appointments");
    const past = page.getByRole("table", { name: "Past appointments" });
    // A card, not a row of a wide table: the table is stacked, each value labelled by its column.
    await expect(past).toHaveCSS("display", "block");
    const firstCard = past.getByRole("row").nth(1);
    await expect(firstCard).toHaveCSS("display", "block");
    await expect(firstCard.getByRole("cell").first()).toHaveAttribute("data-label", "Doctor");
    await expect(firstCard.getByRole("cell").nth(1)).toHaveAttribute("data-label", "Date");
    // Screen readers still get the column names: the header cells stay in the accessibility tree.
    await expect(past.getByRole("columnheader", { name: "Status" })).toBeAttached();
    await page.screenshot({ path: "/tmp/shots-i14-lists/patient-appointments-phone.png", fullPage: true });
    await page.goto("/patient/payments");
    const detail = page.getByRole("table").first().getByRole("link").first();
    await expect(detail).toBeInViewport();
    await page.screenshot({ path: "/tmp/shots-i14-lists/patient-payments-phone.png", fullPage: true });
  });

  test("the doctor's appointments and payments fit the screen", async ({ page, signIn }) => {
    await signIn(demo.doctor.email);
    for (const path of ["/doctor/appointments", "/doctor/appointments?scope=past", "/doctor/payments"]) {
      await page.goto(path);
      await expectNoSidewaysScroll(page);
    }
    await page.screenshot({ path: "/tmp/shots-i14-lists/doctor-payments-phone.png", fullPage: true });
    await page.goto("/doctor/appointments?scope=past");
    await expect(page.getByRole("table", { name: "Past appointments" })).toHaveCSS("display", "block");
    await page.screenshot({ path: "/tmp/shots-i14-lists/doctor-appointments-phone.png", fullPage: true });
  });
});

test.describe("at desktop width (1366×900)", () => {
  test.use({ viewport: DESKTOP });

  test("the lists stay tables with their column headers shown", async ({ page, signIn }) => {
    await signIn(demo.patient.email);
    for (const [path, name] of [
      ["/patient/appointments", "Past appointments"],
      ["/patient/payments", undefined],
    ] as const) {
      await page.goto(path);
      const table = name ? page.getByRole("table", { name }) : page.getByRole("table").first();
      await expect(table).toHaveCSS("display", "table");
      await expect(table.getByRole("row").nth(1)).toHaveCSS("display", "table-row");
      await expect(table.getByRole("columnheader").first()).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
    await page.goto("/patient/appointments");
    await page.screenshot({ path: "/tmp/shots-i14-lists/patient-appointments-desktop.png", fullPage: true });
  });
});

test("a moved visit is listed as Rescheduled to its new time, for the patient and the doctor, and on its page", async ({ page, signIn, browser }) => {
  const doctor = await data.doctor("Dr. Rhea Moved");
  const patient = await data.patient("Rafael Mover", "Europe/Berlin");
  await signIn(patient.email);
  const booking = new BookingPage(page);
  await booking.goto(doctor.id);
  await booking.openDayBeyondCancellationWindow();
  await booking.pickFirstSlot();
  await booking.book("Follow-up");
  await expect(page).toHaveURL(/\/patient\/appointments/);

  await page.goto("/patient/appointments");
  await page
    .getByRole("table", { name: "Upcoming appointments" })
    .getByRole("row")
    .filter({ hasText: doctor.fullName })
    .getByRole("button", { name: "Reschedule" })
    .click();
  await booking.slotButtons.last().click();
  await page.getByRole("button", { name: "Move appointment" }).click();
  await expect(page).toHaveURL(/\/patient\/appointments\?rescheduled=/);

  const moved = page.getByRole("table", { name: "Past appointments" }).getByRole("row").filter({ hasText: doctor.fullName });
  await expect(moved).toContainText("Rescheduled");
  await expect(moved).not.toContainText("Cancelled");
  const upcoming = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: doctor.fullName });
  const newDate = (await upcoming.getByRole("cell").nth(1).textContent())!;
  const newTime = (await upcoming.getByRole("cell").nth(2).textContent())!.split("–")[0]!;
  const toNewTime = moved.getByRole("link", { name: `${newDate}, ${newTime}` });
  await expect(toNewTime).toBeVisible();
  const oldHref = await moved.getByRole("link", { name: doctor.fullName }).getAttribute("href");
  await page.setViewportSize(PHONE);

  // The link goes to the appointment it became; the old one's page says Rescheduled too.
  await toNewTime.click();
  // The Status fact of the Details card (the history may also list a "Confirmed" step once the confirmation job ran).
  const status = page.locator("dt", { hasText: /^Status$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(status).toContainText("Confirmed");
  await page.goto(oldHref!);
  // The Status fact of the Details card, and the history's last step: rescheduled by the patient, not cancelled.
  const history = page.locator("section", { has: page.getByRole("heading", { name: "History" }) }).getByRole("listitem");
  await expect(history.last()).toContainText("Rescheduled by patient");
  await expect(history.filter({ hasText: "Cancelled" })).toHaveCount(0);
  await expect(status).toContainText("Rescheduled");
  await expect(status).not.toContainText("Cancelled");
  await expect(status.getByRole("link", { name: `${newDate}, ${newTime}` })).toBeVisible();

  const doctorContext = await browser.newContext();
  const doctorPage = await doctorContext.newPage();
  await doctorPage.goto("/login");
  await doctorPage.getByLabel("Email").fill(doctor.email);
  await doctorPage.getByLabel("Password").fill(data.password);
  await doctorPage.getByRole("button", { name: "Sign in" }).click();
  await expect(doctorPage).not.toHaveURL(/\/login/);
  await doctorPage.goto("/doctor/appointments");
  const rows = doctorPage.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: patient.fullName });
  await expect(rows.filter({ hasText: "Rescheduled" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Confirmed" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Cancelled" })).toHaveCount(0);
  await doctorContext.close();
});
