import type { Page } from "@playwright/test";
import { doctorSeed, patientSeed } from "../db/seed-data";
import { BookingPage } from "./pages/booking-page";
import { SignInPage } from "./pages/sign-in-page";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Issue #14: choosing a time in place, week by week, on a phone and at a desk.
// These doctors are used by no other spec, so nothing here competes for a slot.
const physio = doctorSeed[6];
const nyCardiologist = doctorSeed[11];
const ben = patientSeed[1];

const days = (page: Page) => page.getByRole("navigation", { name: "Next available days" }).getByRole("link");

for (const [size, viewport] of [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1366, height: 900 }],
] as const) {
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
      await page.getByRole("main").getByRole("link", { name: "Sign in to book" }).first().click();
      await expect(page).toHaveURL(/\/login\?next=/);
      await new SignInPage(page).signIn(ben.email, "careslot-demo-2026");
      await expect(page).toHaveURL(new RegExp(`/doctors/${physio.id}\\?date=.*&slot=`));
      await expect(booking.slotWithInstant(instant)).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByRole("button", { name: "Book appointment" })).toBeVisible();
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
  await expect(page).toHaveURL(/\/patient\/appointments/);
  console.log(`keyboard booking: ${presses} key presses`);
  expect(presses).toBeLessThanOrEqual(40);
});
