import { expect, type Page } from "@playwright/test";

type Weekday = "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";

export class AvailabilityPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/doctor/availability");
    await expect(this.page.getByRole("heading", { name: "Availability", level: 1 })).toBeVisible();
  }

  rangeStart(day: Weekday, n: number) {
    return this.page.getByLabel(`${day} range ${n} start`);
  }

  rangeEnd(day: Weekday, n: number) {
    return this.page.getByLabel(`${day} range ${n} end`);
  }

  /** The message tied to a field through its aria-describedby, i.e. what a screen reader announces with it. */
  async errorOf(field: ReturnType<Page["getByLabel"]>) {
    const describedBy = await field.getAttribute("aria-describedby");
    if (!describedBy) throw new Error("field has no aria-describedby");
    return this.page.locator(`[id="${describedBy.split(" ").at(-1)}"]`);
  }

  async clearDay(day: Weekday) {
    const remove = this.page.getByRole("button", { name: new RegExp(`^Remove ${day} range \\d$`) });
    while ((await remove.count()) > 0) await remove.first().click();
  }

  async addRange(day: Weekday, start: string, end: string) {
    await this.page.getByRole("button", { name: `Add range to ${day}` }).click();
    const n = await this.page.getByRole("button", { name: new RegExp(`^Remove ${day} range \\d$`) }).count();
    await this.rangeStart(day, n).fill(start);
    await this.rangeEnd(day, n).fill(end);
  }

  async saveWeeklyHours() {
    await this.page.getByRole("button", { name: "Save weekly hours" }).click();
  }

  async addClosedOverride(date: string) {
    await this.page.getByLabel("Date", { exact: true }).fill(date);
    await this.page.getByRole("radio", { name: "Closed all day" }).check();
    await this.page.getByRole("button", { name: "Add override" }).click();
  }

  get overrides() {
    return this.page.getByRole("list", { name: "Upcoming overrides" });
  }

  overrideFor(label: string) {
    return this.overrides.getByRole("listitem").filter({ hasText: label });
  }
}
