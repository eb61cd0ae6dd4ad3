import { expect, type Locator, type Page } from "@playwright/test";

/** The booking panel on /doctors/[id]. */
export class BookingPage {
  constructor(private readonly page: Page) {}

  async goto(doctorId: string, date?: string) {
    await this.page.goto(`/doctors/${doctorId}${date ? `?date=${date}` : ""}`);
  }

  /**
   * Opens the third day that has free times: at least two days ahead, so the
   * booking can still be cancelled or moved under the 24-hour rule.
   */
  async openDayBeyondCancellationWindow() {
    await this.page.getByRole("navigation", { name: "Next available days" }).getByRole("link").filter({ hasNotText: "no times" }).nth(2).click();
    await expect(this.page).toHaveURL(/date=/);
  }

  /** The free-time buttons of the shown day: named by local time, e.g. "09:30". */
  get slotButtons(): Locator {
    return this.page.getByRole("group", { name: /Free times on/ }).getByRole("button");
  }

  slot(time: string): Locator {
    return this.page.getByRole("group", { name: /Free times on/ }).getByRole("button", { name: time, exact: true });
  }

  /** Picks the first free time of the shown day; returns its label and the instant it stands for. */
  async pickFirstSlot(): Promise<{ label: string; instant: string }> {
    const first = this.slotButtons.first();
    const label = (await first.textContent())!.trim();
    const instant = (await first.getAttribute("value"))!;
    await first.click();
    await expect(this.page.getByRole("button", { name: "Book appointment" })).toBeVisible();
    return { label, instant };
  }

  /** As a visitor (not signed in): picks the first free time; the panel asks to sign in. */
  async pickFirstSlotAsVisitor(): Promise<{ instant: string }> {
    const first = this.slotButtons.first();
    const instant = (await first.getAttribute("value"))!;
    await first.click();
    await expect(first).toHaveAttribute("aria-pressed", "true");
    return { instant };
  }

  async book(reason: string) {
    await this.page.getByLabel(/Reason for visit/).fill(reason);
    await this.page.getByRole("button", { name: "Book appointment" }).click();
  }

  /** Whether the given instant is still offered on the day it belongs to. */
  slotWithInstant(instant: string): Locator {
    return this.page.locator(`button[name="slot"][value="${instant}"]`);
  }
}

/**
 * The page a booking lands on: "Appointment booked", its heading focused (with
 * JavaScript). Returns the appointment's id.
 */
export async function expectAppointmentBooked(page: Page, options: { javaScript?: boolean } = {}): Promise<string> {
  await expect(page).toHaveURL(/\/patient\/appointments\/[0-9a-f-]{36}\/booked$/);
  await expect(page).toHaveTitle(/^Appointment booked/);
  const heading = page.getByRole("heading", { level: 1, name: "Appointment booked" });
  if (options.javaScript === false) await expect(heading).toBeVisible();
  else await expect(heading).toBeFocused();
  return new URL(page.url()).pathname.split("/").at(-2)!;
}

/** From the confirmation page to the patient's list of appointments. */
export async function openAppointmentList(page: Page): Promise<void> {
  await page.getByRole("link", { name: "All your appointments" }).click();
  await expect(page).toHaveURL(/\/patient\/appointments$/);
}
