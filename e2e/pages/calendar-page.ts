import { expect, type Page } from "@playwright/test";

/** The doctor's calendar has its data: FullCalendar drawn and the board no longer fetching. */
export async function calendarLoaded(page: Page): Promise<void> {
  await expect(page.locator(".careslot-calendar .fc-view-harness")).toBeVisible();
  await expect(page.locator(".careslot-calendar")).toHaveAttribute("aria-busy", "false");
}
