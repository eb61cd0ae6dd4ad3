import { doctorSeed } from "../db/seed-data";
import { formatDate } from "../lib/format";
import { AvailabilityPage } from "./pages/availability-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Dr. Fischer (Berlin, Tue–Sat 12:00–20:00) belongs to this spec alone; other specs use Dr. Weber.
const fischer = doctorSeed[12]!;

/** An ISO date `days` from now, and how the override list names it. */
function dateAhead(days: number) {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { iso, label: formatDate(new Date(`${iso}T12:00:00Z`), "UTC") };
}

test.beforeEach(async ({ signIn }) => {
  await signIn(fischer.email);
});

test("weekly hours: an overlapping range is refused next to the field, valid hours persist after reload", async ({ page }) => {
  const availability = new AvailabilityPage(page);
  await availability.goto();
  await availability.clearDay("Monday");
  await availability.addRange("Monday", "09:00", "12:00");
  await availability.addRange("Monday", "11:00", "13:00");
  await availability.saveWeeklyHours();

  const overlapping = availability.rangeStart("Monday", 2);
  await expect(overlapping).toHaveAttribute("aria-invalid", "true");
  await expect(await availability.errorOf(overlapping)).toHaveText("Overlaps 09:00–12:00. Ranges may touch but not overlap.");
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need your attention" })).toContainText("Monday range 2 start");

  await overlapping.fill("12:00"); // touching is fine
  await availability.saveWeeklyHours();
  await expect(page.getByRole("status").filter({ hasText: "Weekly hours saved." })).toBeVisible();

  await page.reload();
  await expect(availability.rangeStart("Monday", 1)).toHaveValue("09:00");
  await expect(availability.rangeEnd("Monday", 1)).toHaveValue("12:00");
  await expect(availability.rangeStart("Monday", 2)).toHaveValue("12:00");
  await expect(availability.rangeEnd("Monday", 2)).toHaveValue("13:00");
  await expect(availability.rangeStart("Tuesday", 1)).toHaveValue("12:00");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses an end before the start and keeps the old hours", async ({ page }) => {
    const availability = new AvailabilityPage(page);
    await availability.goto();
    await availability.rangeEnd("Wednesday", 1).fill("11:00");
    await availability.saveWeeklyHours();
    await expect(availability.rangeEnd("Wednesday", 1)).toHaveAttribute("aria-invalid", "true");
    await expect(await availability.errorOf(availability.rangeEnd("Wednesday", 1))).toHaveText("End must be after start.");
    await availability.goto();
    await expect(availability.rangeEnd("Wednesday", 1)).toHaveValue("20:00");
  });
});

test.describe("without JavaScript, adding and removing", () => {
  test.use({ javaScriptEnabled: false });

  test("a day offers an empty row to add a range, and a range cleared of its times is removed", async ({ page }) => {
    const availability = new AvailabilityPage(page);
    await availability.goto();
    // The buttons that need scripts are not offered; Sunday (closed) has one empty row instead.
    await expect(page.getByRole("button", { name: "Add range to Sunday" })).toBeHidden();
    await expect(page.getByRole("button", { name: /^Remove Sunday range/ })).toHaveCount(0);
    await expect(availability.rangeStart("Sunday", 1)).toHaveValue("");
    await availability.rangeStart("Sunday", 1).fill("10:00");
    await availability.rangeEnd("Sunday", 1).fill("14:00");
    await availability.saveWeeklyHours();
    await expect(page.getByRole("status").filter({ hasText: "Weekly hours saved." })).toBeVisible();

    await availability.goto();
    await expect(availability.rangeStart("Sunday", 1)).toHaveValue("10:00");
    await expect(availability.rangeEnd("Sunday", 1)).toHaveValue("14:00");
    await expect(availability.rangeStart("Sunday", 2)).toHaveValue(""); // the next empty row
    await expect(availability.rangeStart("Tuesday", 1)).toHaveValue("12:00"); // the other days kept

    await availability.rangeStart("Sunday", 1).fill("");
    await availability.rangeEnd("Sunday", 1).fill("");
    await availability.saveWeeklyHours();
    await expect(page.getByRole("status").filter({ hasText: "Weekly hours saved." })).toBeVisible();
    await availability.goto();
    await expect(availability.rangeStart("Sunday", 1)).toHaveValue("");
    await expect(availability.rangeStart("Sunday", 2)).toHaveCount(0);
  });
});

test("a closed-day override is listed, then deleted", async ({ page }) => {
  const availability = new AvailabilityPage(page);
  const day = dateAhead(10);
  await availability.goto();
  await availability.addClosedOverride(day.iso);
  await expect(page.getByRole("status").filter({ hasText: `Override for ${day.iso} saved.` })).toBeVisible();
  await expect(availability.overrideFor(day.label)).toContainText("Closed all day");

  await page.reload();
  await expect(availability.overrideFor(day.label)).toContainText("Closed all day");
  await availability
    .overrideFor(day.label)
    .getByRole("button", { name: `Delete override for ${day.label}` })
    .click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Delete the override of ${day.label}` })
    .click();
  await expect(availability.overrideFor(day.label)).toHaveCount(0);
});

test("the calendar shows the week grid with open hours, and the week's appointments as a list", async ({ page }) => {
  await page.goto("/doctor/calendar");
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  await expect(page.locator(".fc-timegrid")).toBeVisible();
  await expect(page.getByRole("button", { name: "Week", exact: true })).toHaveAttribute("aria-pressed", "true");
  // Tuesday to Saturday 12:00–20:00 are drawn as open hours behind the grid.
  await expect(page.locator(".fc-bg-event").filter({ hasText: "Open" })).not.toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Upcoming this week" })).toBeVisible();

  await page.getByRole("button", { name: "Month", exact: true }).click();
  await expect(page.locator(".fc-daygrid")).toBeVisible();
});

test("dragging the end of an open-hours block saves that date's hours as an override", async ({ page }) => {
  await page.goto("/doctor/calendar");
  await page.getByRole("button", { name: "Next", exact: true }).click(); // every date of next week is in the future
  await page.getByLabel("Edit open hours by dragging").check();
  const block = page.locator(".fc-timegrid-event").filter({ hasText: "Open 12:00–20:00" }).first();
  await expect(block).toBeVisible();

  const slot = await page.locator(".fc-timegrid-slot-lane").first().boundingBox();
  await block.hover();
  const handle = await block.locator(".fc-event-resizer-end").boundingBox();
  if (!slot || !handle) throw new Error("calendar not laid out");
  const x = handle.x + handle.width / 2;
  const y = handle.y + handle.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - slot.height, { steps: 5 });
  await page.mouse.move(x, y - 2 * slot.height, { steps: 5 }); // two half-hour slots: 20:00 → 19:00
  await page.mouse.up();

  const saved = page.getByRole("status").filter({ hasText: /Hours for \d{4}-\d{2}-\d{2} saved/ });
  await expect(saved).toBeVisible();
  const iso = /(\d{4}-\d{2}-\d{2})/.exec((await saved.textContent()) ?? "")![1]!;
  const label = formatDate(new Date(`${iso}T12:00:00Z`), "UTC");

  const availability = new AvailabilityPage(page);
  await availability.goto();
  await expect(availability.overrideFor(label)).toContainText("12:00–19:00");
  await availability
    .overrideFor(label)
    .getByRole("button", { name: `Delete override for ${label}` })
    .click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Delete the override of ${label}` })
    .click();
  await expect(availability.overrideFor(label)).toHaveCount(0);
});

test("the calendar API answers the signed-in doctor only, and refuses bad ranges with a reason", async ({ page, browser, playwright, baseURL }) => {
  const week = await page.request.get("/api/doctor/calendar?start=2026-03-23&end=2026-03-30");
  expect(week.status()).toBe(200);
  const data = await week.json();
  expect(data.timeZone).toBe("Europe/Berlin");
  expect(data.days.map((d: { date: string }) => d.date)).toEqual([
    "2026-03-23",
    "2026-03-24",
    "2026-03-25",
    "2026-03-26",
    "2026-03-27",
    "2026-03-28",
    "2026-03-29",
  ]);
  expect(data.days[1].ranges).toEqual([{ startTime: "12:00", endTime: "20:00" }]);

  const tooWide = await page.request.get("/api/doctor/calendar?start=2026-01-01&end=2026-06-01");
  expect(tooWide.status()).toBe(400);
  expect((await tooWide.json()).error.message).toBe("Ask for at most 62 days at a time.");
  expect((await page.request.get("/api/doctor/calendar?start=next-monday&end=2026-03-30")).status()).toBe(400);

  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/doctor/calendar?start=2026-03-23&end=2026-03-30")).status()).toBe(401);
  await anonymous.dispose();

  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  await new SignInPage(patientPage).goto();
  await new SignInPage(patientPage).signIn(demo.patient.email, demo.password);
  await expect(patientPage).not.toHaveURL(/\/login/);
  expect((await patientPage.request.get("/api/doctor/calendar?start=2026-03-23&end=2026-03-30")).status()).toBe(403);
  await patientContext.close();
});

test("axe finds no serious or critical violation on the availability and calendar pages", async ({ page }) => {
  const availability = new AvailabilityPage(page);
  await availability.goto();
  await expectNoSeriousA11yViolations(page);

  await page.goto("/doctor/calendar");
  await expect(page.locator(".fc-bg-event").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Edit open hours by dragging").check();
  await expect(page.locator(".fc-timegrid-event").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
