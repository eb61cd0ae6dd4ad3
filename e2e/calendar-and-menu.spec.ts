import { Temporal } from "temporal-polyfill";
import { createDoctor } from "./pages/admin-data";
import type { Locator } from "@playwright/test";
import { addWeeklyHours, closeCalendarData, doctorWithVisitThisWeek, SHORT_REASON, VISIT_REASON as REASON } from "./pages/calendar-data";
import { calendarLoaded } from "./pages/calendar-page";
import { DESKTOP, PHONE, demo, expect, test } from "./fixtures";

// Issue #15: a calendar doctors can read, and a portal menu that says where you are.
// Each test gets a fresh doctor (Berlin, Mon–Fri 09:00–17:00) and patient, so
// the week it looks at holds only what it wrote.

const practiceWithVisit = (reason?: string) => doctorWithVisitThisWeek(reason);

test.afterAll(closeCalendarData);

test.describe("at 1366×900", () => {
  test.use({ viewport: DESKTOP });

  /** Where a visit's name and reason sit in its box, and whether either is cut. */
  async function measureVisit(visit: Locator) {
    return visit.locator(".careslot-visit-name").evaluate((name) => {
      const event = name.closest(".fc-event")!.getBoundingClientRect();
      const reason = name.parentElement!.querySelector(".careslot-visit-reason")!;
      const inside = (box: DOMRect) => box.left >= event.left && box.right <= event.right + 0.5 && box.top >= event.top && box.bottom <= event.bottom + 0.5;
      const [nameBox, reasonBox] = [name.getBoundingClientRect(), reason.getBoundingClientRect()];
      return {
        nameCut: name.scrollWidth > name.clientWidth,
        reasonCut: reason.scrollWidth > reason.clientWidth,
        bothInside: inside(nameBox) && inside(reasonBox),
        oneLine: Math.abs(reasonBox.top - nameBox.top) < 2 && reasonBox.width > 0,
        eventHeight: event.height,
        eventWidth: event.width,
      };
    });
  }

  test("the week view shows a 30-minute visit's patient name and reason in full on one line; the full text is its tooltip and name", async ({
    page,
    signIn,
  }) => {
    const { doctor, patient } = await practiceWithVisit(SHORT_REASON);
    await signIn(doctor.email);
    await page.goto("/doctor/calendar");
    await calendarLoaded(page);
    await expect(page.getByRole("button", { name: "Week", exact: true })).toHaveAttribute("aria-pressed", "true");
    // Nothing is on Saturday or Sunday: the week is Monday to Friday, which gives each day the room.
    await expect(page.locator(".fc-timegrid-col[data-date]")).toHaveCount(5);
    await expect(page.locator(".fc-col-header-cell.fc-day-sat, .fc-col-header-cell.fc-day-sun")).toHaveCount(0);

    const label = `10:00 ${patient.fullName}, ${SHORT_REASON}, until 10:30, Confirmed`;
    const visit = page.getByRole("link", { name: label, exact: true });
    await expect(visit).toBeVisible();
    await expect(visit).toHaveAttribute("title", label);
    await expect(visit).toHaveAttribute("href", /\/doctor\/appointments\/[0-9a-f-]{36}$/);
    await expect(visit.locator(".careslot-visit-name")).toHaveText(patient.fullName);
    await expect(visit.locator(".careslot-visit-reason")).toHaveText(SHORT_REASON);

    const measured = await measureVisit(visit);
    expect(measured.nameCut, `the name is not cut off (${JSON.stringify(measured)})`).toBe(false);
    expect(measured.reasonCut, `the reason is not cut off (${JSON.stringify(measured)})`).toBe(false);
    expect(measured.oneLine, "the reason follows the name on the same line").toBe(true);
    expect(measured.bothInside, "name and reason lie inside the visit's box").toBe(true);
    expect(measured.eventHeight, "a 30-minute visit is tall enough for a line of text").toBeGreaterThanOrEqual(28);

    // Editing the hours shows the whole week again, weekend included, to drag hours onto it.
    await page.getByLabel("Edit open hours by dragging").check();
    await expect(page.locator(".fc-timegrid-col[data-date]")).toHaveCount(7);
  });

  test("a reason longer than the line gives way with an ellipsis after the full name; the tooltip and name carry all of it", async ({ page, signIn }) => {
    const { doctor, patient } = await practiceWithVisit(REASON);
    await signIn(doctor.email);
    await page.goto("/doctor/calendar");
    await calendarLoaded(page);
    const label = `10:00 ${patient.fullName}, ${REASON}, until 10:30, Confirmed`;
    const visit = page.getByRole("link", { name: label, exact: true });
    await expect(visit).toHaveAttribute("title", label);
    const measured = await measureVisit(visit);
    expect(measured.nameCut, "the name is not cut off").toBe(false);
    expect(measured.oneLine, "the reason starts on the name's line").toBe(true);
    expect(measured.bothInside).toBe(true);
    await expect(visit.locator(".careslot-visit-reason")).toHaveCSS("text-overflow", "ellipsis");
  });

  test("a weekend day with hours stays in the week", async ({ page, signIn }) => {
    const { doctor } = await practiceWithVisit(SHORT_REASON);
    await addWeeklyHours(doctor.id, 6, "09:00", "13:00"); // Saturday mornings
    await signIn(doctor.email);
    await page.goto("/doctor/calendar");
    await calendarLoaded(page);
    await expect(page.locator(".fc-timegrid-col[data-date]")).toHaveCount(6);
    await expect(page.locator(".fc-col-header-cell.fc-day-sat")).toHaveCount(1);
    await expect(page.locator(".fc-col-header-cell.fc-day-sun")).toHaveCount(0);
  });

  test("the month view lists the visit by name, and other months' days are not faded", async ({ page, signIn }) => {
    const { doctor, patient } = await practiceWithVisit();
    await signIn(doctor.email);
    await page.goto("/doctor/calendar");
    await calendarLoaded(page);
    await page.getByRole("button", { name: "Month", exact: true }).click();
    await expect(page.locator(".fc-daygrid")).toBeVisible();
    const name = page.locator(".fc-daygrid-event .careslot-visit-name").filter({ hasText: patient.fullName });
    await expect(name).toHaveText(patient.fullName);
    expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // FullCalendar draws other months' day numbers at 30 % opacity (1.96:1); ours are opaque slate-600.
    const otherMonthDay = page.locator(".fc-day-other .fc-daygrid-day-top").first();
    await expect(otherMonthDay).toHaveCSS("opacity", "1");
    await expect(otherMonthDay).toHaveCSS("color", "rgb(71, 85, 105)");
  });

  test("the hour a spring-forward night skips is drawn as skipped, not as open hours", async ({ page, signIn }) => {
    const doctor = await createDoctor({ name: "Dr. Night Owl", verified: true });
    await addWeeklyHours(doctor.id, 7, "00:00", "06:00"); // Sundays through the night
    await addWeeklyHours(doctor.id, 6, "00:00", "06:00"); // and Saturdays, the night before the change
    await signIn(doctor.email);
    // Berlin springs forward on Sunday 28 March 2027: 02:00–03:00 never happens.
    await page.goto("/doctor/calendar?week=2027-03-28");
    await calendarLoaded(page);
    await expect(page.locator(".fc-toolbar-title")).toHaveText("22 – 28 Mar 2027");
    const sunday = page.locator('.fc-timegrid-col[data-date="2027-03-28"]');
    const skipped = sunday.locator(".careslot-skipped");
    await expect(skipped).toHaveCount(1);
    await expect(skipped).toContainText("Clocks go forward");
    const open = sunday.locator(".fc-bg-event.careslot-hours");
    await expect(open).toHaveCount(2); // 00:00–02:00 and 03:00–06:00
    const gap = (await skipped.boundingBox())!;
    for (const block of await open.all()) {
      const box = (await block.boundingBox())!;
      const overlap = Math.min(box.y + box.height, gap.y + gap.height) - Math.max(box.y, gap.y);
      expect(overlap, "no open hours drawn over the skipped hour").toBeLessThanOrEqual(1);
    }
    // The Saturday before is a whole ordinary day: nothing skipped.
    await expect(page.locator('.fc-timegrid-col[data-date="2027-03-27"] .careslot-skipped')).toHaveCount(0);
  });

  test("the menu is a <nav> beside <main>, marks the current page, and the skip link lands on the content", async ({ page, signIn }) => {
    await signIn(demo.doctor.email);
    await page.goto("/doctor/calendar");
    const menu = page.getByRole("navigation", { name: "Doctor portal" });
    await expect(menu).toBeVisible();
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("main").getByRole("navigation", { name: "Doctor portal" })).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();

    const current = menu.getByRole("link", { name: "Calendar", exact: true });
    await expect(current).toHaveAttribute("aria-current", "page");
    await expect(menu.locator("[aria-current]")).toHaveCount(1);
    const other = menu.getByRole("link", { name: "Patients", exact: true });
    await expect(other).not.toHaveAttribute("aria-current");
    // A style of its own, not colour alone: a bar at its side and bolder text.
    await expect(current).toHaveCSS("border-left-color", "rgb(15, 118, 110)");
    await expect(current).toHaveCSS("font-weight", "600");
    await expect(other).toHaveCSS("border-left-color", "rgba(0, 0, 0, 0)");

    // Another page chosen: the mark moves with it.
    await other.click();
    await expect(page).toHaveURL(/\/doctor\/patients$/);
    await expect(other).toHaveAttribute("aria-current", "page");
    await expect(current).not.toHaveAttribute("aria-current");

    await page.goto("/doctor/patients"); // a fresh load: the first Tab stop is the skip link
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await page.keyboard.press("Tab");
    // The next stop is inside the page's content, not the menu.
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
  });

  test("a 404 inside a portal and a 403 in place of one still have one <main>", async ({ page, signIn }) => {
    await signIn(demo.doctor.email);
    const missing = await page.goto("/doctor/patients/00000000-0000-4000-8000-00000000ffff");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("main").getByRole("heading", { name: "We could not find that page" })).toBeVisible();

    const refused = await page.goto("/admin");
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("main").getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
});

test.describe("at 390×844", () => {
  test.use({ viewport: PHONE });

  test("the calendar opens in day view with the whole date in the header", async ({ page, signIn }) => {
    const { doctor } = await practiceWithVisit();
    await signIn(doctor.email);
    await page.goto("/doctor/calendar");
    await calendarLoaded(page);
    await expect(page.getByRole("button", { name: "Day", exact: true })).toHaveAttribute("aria-pressed", "true");
    const today = Temporal.Now.plainDateISO("Europe/Berlin");
    const weekday = today.toLocaleString("en-GB", { weekday: "long" });
    await expect(page.locator(".fc-col-header-cell")).toHaveText(`${weekday} ${today.day} ${today.toLocaleString("en-GB", { month: "long" })}`);
    // The toolbar fits the screen: nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  test("the menu collapses to a Menu button that opens it, and closes after a page is chosen", async ({ page, signIn }) => {
    await signIn(demo.patient.email);
    await page.goto("/patient/appointments");
    const menu = page.getByRole("navigation", { name: "Patient portal" });
    const button = menu.locator("summary", { hasText: "Menu" });
    await expect(button).toBeVisible();
    await expect(menu.getByRole("link", { name: "Appointments", exact: true })).toBeHidden();
    await button.click();
    await expect(menu.getByRole("link", { name: "Appointments", exact: true })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Appointments", exact: true })).toHaveAttribute("aria-current", "page");
    await menu.getByRole("link", { name: "Payments", exact: true }).click();
    await expect(page).toHaveURL(/\/patient\/payments$/);
    await expect(menu.getByRole("link", { name: "Payments", exact: true })).toBeHidden();
    await button.click();
    await expect(menu.getByRole("link", { name: "Payments", exact: true })).toHaveAttribute("aria-current", "page");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  let practice: Awaited<ReturnType<typeof practiceWithVisit>>;
  test.beforeEach(async () => {
    practice = await practiceWithVisit();
  });

  test("the calendar lists the week with its hours and the visit as a link, and steps to the next week", async ({ page, signIn }) => {
    const { doctor, patient, date, visitId } = practice;
    await signIn(doctor.email);
    await page.goto("/doctor/calendar");
    await expect(page.getByText("Loading calendar…")).toBeHidden();
    const monday = date.subtract({ days: 2 });
    const long = (day: Temporal.PlainDate) => day.toLocaleString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).replace(",", "");
    const agenda = page.getByRole("region", { name: `Week of ${long(monday)}` });
    await expect(agenda).toBeVisible();
    await expect(agenda.getByRole("heading", { level: 3 })).toHaveText(Array.from({ length: 7 }, (_, i) => long(monday.add({ days: i }))));
    await expect(agenda.getByText("Open 09:00–17:00", { exact: true })).toHaveCount(5);
    await expect(agenda.getByText("Closed", { exact: true })).toHaveCount(2);
    const visit = agenda.getByRole("link", { name: `10:00–10:30 ${patient.fullName}` });
    await expect(visit).toHaveAttribute("href", `/doctor/appointments/${visitId}`);
    await expect(agenda.getByText(REASON)).toBeVisible();

    await agenda.getByRole("link", { name: "Next week" }).click();
    await expect(page).toHaveURL(new RegExp(`\\?week=${monday.add({ days: 7 })}$`));
    const nextWeek = page.getByRole("region", { name: `Week of ${long(monday.add({ days: 7 }))}` });
    await expect(nextWeek).toBeVisible();
    await expect(nextWeek.getByRole("link", { name: new RegExp(patient.fullName) })).toHaveCount(0);
  });

  test("a week that is not a date is refused with the reason, and this week is shown", async ({ page, signIn }) => {
    await signIn(practice.doctor.email);
    await page.goto("/doctor/calendar?week=next-monday");
    await expect(page.getByRole("status").filter({ hasText: "Choose the week by a date like 2026-03-31. This week is shown instead." })).toBeVisible();
    await expect(page.getByRole("link", { name: `10:00–10:30 ${practice.patient.fullName}` })).toBeVisible();
  });

  test("the phone menu opens without scripts (a <details> disclosure)", async ({ page, signIn }) => {
    await page.setViewportSize(PHONE);
    await signIn(practice.doctor.email);
    await page.goto("/doctor/calendar");
    const menu = page.getByRole("navigation", { name: "Doctor portal" });
    await expect(menu.getByRole("link", { name: "Calendar", exact: true })).toBeHidden();
    await menu.locator("summary", { hasText: "Menu" }).click();
    await expect(menu.getByRole("link", { name: "Calendar", exact: true })).toHaveAttribute("aria-current", "page");
  });
});
