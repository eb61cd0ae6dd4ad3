import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Every page of the admin console, as its route (the spec checks this against
 * the page.tsx files under app/admin), for the access matrix and the axe sweep.
 */
export const adminPageRoutes = [
  "/admin",
  "/admin/account",
  "/admin/appointments",
  "/admin/appointments/[id]",
  "/admin/appointments/[id]/reschedule",
  "/admin/appointments/book",
  "/admin/appointments/book/[patientId]",
  "/admin/appointments/book/[patientId]/[doctorId]",
  "/admin/audit",
  "/admin/doctors",
  "/admin/messages",
  "/admin/outbox",
  "/admin/payments",
  "/admin/payments/[id]",
  "/admin/payments/wallet",
  "/admin/reports",
  "/admin/reports/[month]",
  "/admin/reviews",
  "/admin/settings",
  "/admin/specializations",
  "/admin/users",
  "/admin/users/[id]",
  "/admin/users/new",
];

/** A real row for each dynamic segment, by the section it sits in. */
export interface AdminPageIds {
  appointments: string;
  payments: string;
  reports: string;
  users: string;
  /** Front-desk booking: an active patient and a verified doctor. */
  patient: string;
  doctor: string;
}

/** The admin pages as URLs, dynamic segments filled with `ids`. */
export function adminPages(ids: AdminPageIds): string[] {
  const byName = ids as unknown as Record<string, string | undefined>;
  return adminPageRoutes.map((route) =>
    route
      .replace(/^\/admin\/(\w+)\/\[\w+\]/, (_, section: string) => {
        const id = byName[section];
        if (!id) throw new Error(`No row for ${route}: add one to AdminPageIds`);
        return `/admin/${section}/${id}`;
      })
      .replace("[patientId]", ids.patient)
      .replace("[doctorId]", ids.doctor),
  );
}

export class DoctorVerificationPage {
  constructor(private readonly page: Page) {}

  /** The queue, searched for one doctor when named (it pages ten at a time, oldest first). */
  async goto(doctorName?: string) {
    await this.page.goto(doctorName ? `/admin/doctors?q=${encodeURIComponent(doctorName)}` : "/admin/doctors");
  }

  card(doctorName: string): Locator {
    return this.page.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: doctorName }) });
  }

  async approve(doctorName: string) {
    await this.page.getByRole("button", { name: `Approve ${doctorName}` }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "The doctor was verified and emailed, and is now public in search." })).toBeVisible();
  }
}

export class ReviewModerationPage {
  constructor(private readonly page: Page) {}

  async goto(view: "reported" | "recent" | "hidden" = "recent") {
    await this.page.goto(`/admin/reviews?view=${view}`);
  }

  review(doctorName: string, patientName: string): Locator {
    return this.page.getByRole("article", { name: `Review of ${doctorName} by ${patientName}` });
  }

  async hide(review: Locator, reason: string) {
    await review.getByLabel("Reason for hiding").fill(reason);
    await review.getByRole("button", { name: "Hide review" }).click();
  }
}

export class UsersAdminPage {
  constructor(private readonly page: Page) {}

  async search(text: string) {
    await this.page.goto(`/admin/users?q=${encodeURIComponent(text)}`);
  }

  async deactivate(names: string[]) {
    for (const name of names) await this.page.getByRole("checkbox", { name: `Select ${name}` }).check();
    await this.page.getByLabel("With the selected users").selectOption("deactivate");
    await this.page.getByRole("button", { name: "Apply to selected" }).click();
    // Deactivating asks first (components/ui/confirm-submit.tsx), naming who.
    const who = names.length === 1 ? names[0] : `${names.length} users`;
    await this.page
      .getByRole("dialog")
      .getByRole("button", { name: `Deactivate ${who}`, exact: true })
      .click();
  }
}
