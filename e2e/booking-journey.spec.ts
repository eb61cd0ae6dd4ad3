import type { Page } from "@playwright/test";
import ical, { type VEvent } from "node-ical";
import { doctorSeed, patientSeed } from "../db/seed-data";
import { BookingPage, expectAppointmentBooked } from "./pages/booking-page";
import { TestData } from "./pages/profile-page";
import { MailboxPage } from "./pages/mailbox-page";
import { RegisterPage } from "./pages/register-page";
import { SignInPage } from "./pages/sign-in-page";
import { expect, expectNoSeriousA11yViolations, SCREENS, test, uniqueEmail } from "./fixtures";

// Issue #14: choosing a time in place, week by week, on a phone and at a desk.
// These doctors are used by no other spec, so nothing here competes for a slot.
const physio = doctorSeed[6];
const nyCardiologist = doctorSeed[11];
const mumbaiDermatologist = doctorSeed[3];
const [anna, ben] = patientSeed;

const days = (page: Page) => page.getByRole("navigation", { name: "Next available days" }).getByRole("link");

for (const [size, viewport] of SCREENS) {
  test.describe(`at ${size} size`, () => {
    test.use({ viewport });

    test("choosing a day and a time updates the panel in place: no reload, no scroll, the URL records it, the bar shows the choice", async ({
      page,
      signIn,
    }) => {
      await signIn(ben.email);
      const booking = new BookingPage(page);
      await booking.goto(physio.id);
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      // Each tap is on what the screen shows (Playwright would scroll to a hidden target first):
      // the page must stay where it was.
      const tapInPlace = async (target: ReturnType<Page["locator"]>, done: () => Promise<void>) => {
        await target.scrollIntoViewIfNeeded();
        const before = await page.evaluate(() => window.scrollY);
        if (size === "phone") expect(before).toBeGreaterThan(0);
        await target.click();
        await done();
        expect(await page.evaluate(() => window.scrollY)).toBe(before);
      };

      const day = days(page).filter({ hasNotText: "no times" }).nth(1);
      await tapInPlace(day, () => expect(day).toHaveAttribute("aria-current", "date"));
      await expect(page).toHaveURL(/\?date=\d{4}-\d{2}-\d{2}$/);
      const slot = booking.slotButtons.nth(1);
      await tapInPlace(slot, () => expect(slot).toHaveAttribute("aria-pressed", "true"));
      await expect(page).toHaveURL(/date=.*&slot=/);

      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await expect(page.getByRole("status").filter({ hasText: "Chosen:" })).toHaveText(/Chosen: \w{3} \d{1,2} \w{3}, \d{2}:\d{2}\./);

      // Day and time buttons are big enough to tap.
      for (const target of [slot, days(page).first()]) expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);

      const bar = page.getByRole("region", { name: "Your chosen time" });
      if (size === "phone") {
        await expect(bar).toBeInViewport();
        await expect(bar).toContainText(/\w{3} \d{1,2} \w{3}, \d{2}:\d{2}/);
        await bar.getByRole("link", { name: "Book appointment" }).click();
        await expect(page.getByLabel(/Reason for visit/)).toBeFocused();
        await expect(page.getByLabel(/Reason for visit/)).toBeInViewport();
      } else {
        await expect(bar).toBeHidden();
      }
      // Reload and share work: the URL alone brings the same choice back.
      await page.reload();
      await expect(booking.slotButtons.nth(1)).toHaveAttribute("aria-pressed", "true");
      await expectNoSeriousA11yViolations(page);
    });

    test("a day with no free times says so and names the next free day; Next week steps to the end of the booking horizon", async ({ page }) => {
      const booking = new BookingPage(page);
      await booking.goto(physio.id);
      const closedDay = days(page).filter({ hasText: "no times" }).first();
      await closedDay.click();
      await expect(page.getByText(/^No free times on \w+,? \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
      const nextFree = page.getByText("Next free day:").getByRole("link");
      await expect(nextFree).toBeVisible();
      await nextFree.click();
      await expect(booking.slotButtons.first()).toBeVisible();

      // From the first week again: the next free day may already lie in the second week (a closed day at the week's end).
      await booking.goto(physio.id);
      let weeks = 0;
      const nextWeek = page.getByRole("link", { name: "Next week" });
      while ((await nextWeek.count()) > 0 && weeks < 20) {
        const before = page.url();
        await nextWeek.click();
        await expect(page).not.toHaveURL(before);
        weeks += 1;
      }
      // A 60-day horizon is eight or nine weeks of seven days from today.
      expect(weeks).toBeGreaterThanOrEqual(8);
      expect(weeks).toBeLessThanOrEqual(9);
      await expect(page.getByText(/Bookings open up to/)).toBeVisible();
      await expect(page.getByRole("link", { name: "Previous week" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    test("a visitor who chose a time signs in and comes back to the same doctor with that time chosen", async ({ page }) => {
      const booking = new BookingPage(page);
      await booking.goto(physio.id);
      const { instant } = await booking.pickFirstSlotAsVisitor();
      // The reason typed before signing in comes back too, without ever being in a URL.
      const reason = `Knee pain after running (${size})`;
      await page.getByLabel("Reason for visit").fill(reason);
      await page.getByRole("main").getByRole("link", { name: "Sign in to book" }).first().click();
      await expect(page).toHaveURL(/\/login\?next=/);
      expect(page.url()).not.toContain("Knee");
      await new SignInPage(page).signIn(ben.email, "careslot-demo-2026");
      await expect(page).toHaveURL(new RegExp(`/doctors/${physio.id}\\?date=.*&slot=`));
      await expect(booking.slotWithInstant(instant)).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByRole("button", { name: "Book appointment" })).toBeVisible();
      await expect(page.getByLabel("Reason for visit")).toHaveValue(reason);
    });
  });
}

test("keyboard alone: from the doctor page to the booked appointment in at most 40 key presses", async ({ page, signIn }) => {
  await signIn(ben.email);
  await page.goto(`/doctors/${nyCardiologist.id}`);
  let presses = 0;
  const press = async (key: string) => {
    presses += 1;
    await page.keyboard.press(key);
  };
  const focusedIsSlot = () => page.evaluate(() => document.activeElement?.getAttribute("name") === "slot");
  while (!(await focusedIsSlot()) && presses < 40) await press("Tab");
  // The grid is one Tab stop; the arrow keys move between times.
  await press("ArrowRight");
  await press("ArrowRight");
  const chosen = await page.evaluate(() => document.activeElement?.getAttribute("value"));
  await press("Enter");
  await expect(page.locator(`button[name="slot"][value="${chosen}"]`)).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(`button[name="slot"][value="${chosen}"]`)).toBeFocused();
  await press("Tab"); // the reason field, straight after the times
  await expect(page.getByLabel(/Reason for visit/)).toBeFocused();
  await press("Tab");
  await expect(page.getByRole("button", { name: "Book appointment" })).toBeFocused();
  await press("Enter");
  await expectAppointmentBooked(page);
  console.log(`keyboard booking: ${presses} key presses`);
  expect(presses).toBeLessThanOrEqual(40);
});

for (const [size, viewport] of SCREENS) {
  test(`the confirmation page (${size}) has the visit, the map, both zones, the calendar options, the changes allowed and what happens next; its .ics parses`, async ({
    page,
    signIn,
    browser,
  }) => {
    await page.setViewportSize(viewport);
    await signIn(ben.email);
    const booking = new BookingPage(page);
    await booking.goto(mumbaiDermatologist.id);
    await booking.openDayBeyondCancellationWindow();
    const { instant } = await booking.pickFirstSlot();
    await booking.book(`Rash on the forearm (${size})`);
    const appointmentId = await expectAppointmentBooked(page);

    await expect(page.getByRole("definition").getByRole("link", { name: mumbaiDermatologist.fullName })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /London time \(UTC\+0\)$/ })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /India time \(UTC\+5:30\)$/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Open map/ })).toHaveAttribute("href", /^https:\/\/www\.openstreetmap\.org\/search\?query=/);
    await expect(page.getByRole("definition").filter({ hasText: `Rash on the forearm (${size})` })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "Due at visit" })).toBeVisible();
    const google = page.getByRole("link", { name: /Google Calendar/ });
    const googleDates = new URL((await google.getAttribute("href"))!).searchParams.get("dates")!;
    expect(googleDates.slice(0, 16)).toBe(
      instant
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")
        .slice(0, 16),
    );
    await expect(page.getByRole("link", { name: /Outlook/ })).toHaveAttribute("href", /outlook\.live\.com/);
    await expect(page.getByRole("button", { name: "Reschedule" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Cancel appointment" })).toBeEnabled();
    await expect(page.getByText(`A confirmation email with a calendar file is on its way to ${ben.email}.`)).toBeVisible();
    await expect(page.getByText(/We will email you a reminder .* before the visit\./)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoSeriousA11yViolations(page);

    const download = await page.request.get(`/patient/appointments/${appointmentId}/calendar.ics`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(await download.text())).filter((item): item is VEvent => item?.type === "VEVENT");
    expect(events).toHaveLength(1);
    expect(new Date(events[0]!.start).toISOString()).toBe(new Date(instant).toISOString());
    expect(String(events[0]!.summary)).toContain(mumbaiDermatologist.fullName);

    // Another patient gets nothing: not the page, not the file.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto("/login");
    await new SignInPage(otherPage).signIn(anna.email, "careslot-demo-2026");
    await otherPage.waitForURL(/\/patient$/);
    expect((await otherPage.request.get(`/patient/appointments/${appointmentId}/calendar.ics`)).status()).toBe(404);
    expect((await otherPage.goto(`/patient/appointments/${appointmentId}/booked`))!.status()).toBe(404);
    await other.close();
  });
}

test("a time inside the cancellation window is announced before booking, and the grace period lets the patient cancel it just after", async ({
  page,
  signIn,
}) => {
  const data = new TestData();
  try {
    // Open every day of the week: the first free time is always within 24 hours.
    const doctor = await data.doctor("Dr. Window Watcher", "General Medicine", 7);
    const patient = await data.patient("Wendy Window");
    await signIn(patient.email);
    const booking = new BookingPage(page);
    await booking.goto(doctor.id);
    await booking.pickFirstSlot();
    await expect(page.getByText("This visit starts within 24 hours: after booking it can be changed online only in the next 15 minutes")).toBeVisible();
    await booking.book("Soon, please");
    await expectAppointmentBooked(page);
    // Inside the window, yet just booked: cancelling is open.
    await page.getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByLabel(/Reason for cancelling/).fill("Booked the wrong day");
    await page.getByRole("button", { name: "Confirm cancellation" }).click();
    await expect(page.getByText("Your appointment was cancelled")).toBeVisible();
  } finally {
    await data.close();
  }
});

test("a visitor who chose a time registers, confirms the email and signs in: back on the doctor with that time chosen", async ({ page }) => {
  const booking = new BookingPage(page);
  await booking.goto(physio.id);
  const { instant } = await booking.pickFirstSlotAsVisitor();
  await page.getByLabel("Reason for visit").fill("Shoulder stiffness");
  await page.getByRole("main").getByRole("link", { name: "Sign in to book" }).first().click();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/register\?next=/);
  const email = uniqueEmail("journey");
  const password = "a long enough passphrase";
  await new RegisterPage(page).register({ fullName: "Rita Roundtrip", email, password, role: "Patient" }, { onPage: true });
  await expect(page).toHaveURL(/\/login\?registered=1&next=/);

  const link = await new MailboxPage(page).linkFrom(email, "Confirm your email address", "/verify-email?token=");
  expect(new URL(link).searchParams.get("next")).toMatch(new RegExp(`^/doctors/${physio.id}\\?date=.*&slot=`));
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in to continue booking" }).click();
  await new SignInPage(page).signIn(email, password);
  await expect(page).toHaveURL(new RegExp(`/doctors/${physio.id}\\?date=.*&slot=`));
  await expect(booking.slotWithInstant(instant)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Book appointment" })).toBeVisible();
  await expect(page.getByLabel("Reason for visit")).toHaveValue("Shoulder stiffness");
  expect(link).not.toContain("Shoulder");

  // Booked: the kept reason is on the visit, and is forgotten by the browser.
  await page.getByRole("button", { name: "Book appointment" }).click();
  await expectAppointmentBooked(page);
  await expect(page.getByText("Shoulder stiffness")).toBeVisible();
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("careslot-booking-reason");
});

test("a chosen time that is no longer free (a shared link, or taken during sign-in) is said plainly, with the free times", async ({ page }) => {
  const booking = new BookingPage(page);
  // 03:00 UTC the day after tomorrow: outside the physiotherapist's hours, so not on offer.
  const gone = new Date(Date.now() + 2 * 86_400_000);
  gone.setUTCHours(3, 0, 0, 0);
  await page.goto(`/doctors/${physio.id}?slot=${encodeURIComponent(gone.toISOString())}`);
  await expect(page.getByText(/^The time you chose, \w{3} \d{1,2} \w{3}, 03:00, is no longer free\. Here are the times that are still free\.$/)).toBeVisible();
  await expect(booking.slotButtons.first()).toBeVisible();
  await expect(page.locator('button[name="slot"][aria-pressed="true"]')).toHaveCount(0);

  await page.goto(`/doctors/${physio.id}?slot=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
  await expect(page.getByText(/has passed\. Here are the times that are still free\.$/)).toBeVisible();
});
