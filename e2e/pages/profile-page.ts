import { hash } from "@node-rs/argon2";
import { expect, type Page } from "@playwright/test";
import postgres from "postgres";
import { DEMO_PASSWORD } from "../../db/seed-data";

/** The profile pages of both portals. */
export class ProfilePage {
  constructor(private readonly page: Page) {}

  async gotoDoctor() {
    await this.page.goto("/doctor/profile");
    await expect(this.page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  }

  async gotoPatient() {
    await this.page.goto("/patient/profile");
    await expect(this.page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  }

  /** The message tied to a field by aria-describedby: what a screen reader announces with it. */
  async errorOf(label: string) {
    // Anchored, not exact: a required field's label ends with a (hidden) asterisk.
    const field = this.page.getByLabel(new RegExp(`^${label}`));
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const ids = (await field.getAttribute("aria-describedby"))!.split(" ");
    return this.page.locator(`[id="${ids.at(-1)}"]`);
  }

  async uploadPhoto(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel("Profile photo").setInputFiles(file);
    await this.page.getByRole("button", { name: "Upload photo" }).click();
  }

  /** Clicks "Download my data" and waits for the browser's download. */
  async downloadMyData() {
    const downloading = this.page.waitForEvent("download");
    await this.page.getByRole("link", { name: "Download my data" }).click();
    return downloading;
  }

  async deleteAccount(password: string, confirmation: string) {
    await this.page.getByLabel(/^Your password/).fill(password);
    await this.page.getByLabel(/^Type DELETE to confirm/).fill(confirmation);
    await this.page.getByRole("button", { name: "Delete my account" }).click();
  }
}

/**
 * Test data written straight to the e2e database (its URL is in the
 * environment scripts/e2e.ts starts Playwright with): fresh accounts and past
 * visits that no other spec touches, without going through slow UI set-up.
 */
export class TestData {
  private readonly sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  readonly password = DEMO_PASSWORD;
  private passwordHash?: Promise<string>;

  private hashOnce() {
    this.passwordHash ??= hash(DEMO_PASSWORD);
    return this.passwordHash;
  }

  async patient(fullName: string, timeZone = "Europe/London"): Promise<{ id: string; email: string; fullName: string }> {
    const email = `${fullName.toLowerCase().replace(/\W+/g, ".")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.careslot.test`;
    const [user] = await this.sql<{ id: string }[]>`
      insert into users (email, full_name, password_hash, role, email_verified_at) values (${email}, ${fullName}, ${await this.hashOnce()}, 'patient', now()) returning id`;
    await this.sql`insert into patient_profiles (user_id, time_zone) values (${user!.id}, ${timeZone})`;
    return { id: user!.id, email, fullName };
  }

  /** A verified Berlin doctor with 08:00–18:00 hours Monday to Saturday (`lastWeekday` 7: every day). */
  async doctor(fullName: string, specializationName = "General Medicine", lastWeekday = 6): Promise<{ id: string; email: string; fullName: string }> {
    const email = `${fullName.toLowerCase().replace(/\W+/g, ".")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.careslot.test`;
    const [user] = await this.sql<{ id: string }[]>`
      insert into users (email, full_name, password_hash, role, email_verified_at) values (${email}, ${fullName}, ${await this.hashOnce()}, 'doctor', now()) returning id`;
    await this.sql`
      insert into doctor_profiles (user_id, specialization_id, price_minor, currency, city, time_zone, verification_status, verified_at)
      select ${user!.id}, s.id, 7000, 'EUR', 'Berlin', 'Europe/Berlin', 'verified', now() from specializations s where s.name = ${specializationName}`;
    await this.sql`
      insert into availability_rules (doctor_id, weekday, start_time, end_time)
      select ${user!.id}, d, '08:00', '18:00' from generate_series(1, ${lastWeekday}::int) as d`;
    return { id: user!.id, email, fullName };
  }

  /** A visit that already happened, in the given status (the outcome a doctor records after it). */
  async pastVisit(doctorId: string, patientId: string, status: "completed" | "confirmed" = "completed", daysAgo = 3): Promise<string> {
    const [row] = await this.sql<{ id: string }[]>`
      insert into appointments (doctor_id, patient_id, starts_at, ends_at, status, reason, price_minor, currency)
      values (${doctorId}, ${patientId}, date_trunc('hour', now()) - ${daysAgo} * interval '1 day', date_trunc('hour', now()) - ${daysAgo} * interval '1 day' + interval '30 minutes', ${status}, 'E2E visit', 7000, 'EUR')
      returning id`;
    return row!.id;
  }

  async review(appointmentId: string, rating: number, body: string) {
    await this.sql`
      insert into reviews (appointment_id, doctor_id, patient_id, rating, body)
      select id, doctor_id, patient_id, ${rating}, ${body} from appointments where id = ${appointmentId}`;
  }

  async close() {
    await this.sql.end({ timeout: 5 });
  }
}
