import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, smallint } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/** The one row of admin-set policy that the services read. */
export const appSettings = pgTable(
  "app_settings",
  {
    id: smallint("id").primaryKey().default(1),
    cancellationWindowHours: integer("cancellation_window_hours").notNull().default(24),
    // Just after booking, the patient may still cancel or reschedule for this long, inside the window too (lib/booking/rules.ts); 0 turns it off.
    bookingGraceMinutes: integer("booking_grace_minutes").notNull().default(15),
    patientFullRefundHours: integer("patient_full_refund_hours").notNull().default(24),
    reminderLeadMinutes: integer("reminder_lead_minutes").notNull().default(1440),
    paymentHoldMinutes: integer("payment_hold_minutes").notNull().default(30),
    sessionIdleMinutes: integer("session_idle_minutes").notNull().default(60),
    // Rate limits (lib/security/rate-limits.ts): how many per window, the windows fixed there.
    accountEmailsPerAddressPerHour: integer("account_emails_per_address_per_hour").notNull().default(5),
    accountEmailsPerIpPerHour: integer("account_emails_per_ip_per_hour").notNull().default(20),
    registrationsPerIpPerHour: integer("registrations_per_ip_per_hour").notNull().default(10),
    signInAttemptsPerIpPer15Minutes: integer("sign_in_attempts_per_ip_per_15_minutes").notNull().default(20),
    // Retention (lib/security/retention.ts, run daily): sent emails' bodies, and sign-in throttle rows.
    emailBodyRetentionDays: integer("email_body_retention_days").notNull().default(90),
    signInRecordRetentionDays: integer("sign_in_record_retention_days").notNull().default(90),
    // Booking caps (lib/booking/rules.ts): upcoming appointments one patient may hold at once, in all and with one doctor.
    maxActiveAppointmentsPerPatient: integer("max_active_appointments_per_patient").notNull().default(5),
    maxActiveAppointmentsPerPatientPerDoctor: integer("max_active_appointments_per_patient_per_doctor").notNull().default(2),
    // "Require two-factor authentication for" (lib/auth/two-factor/gate.ts): such users enrol right after their password.
    requireTwoFactorAdmins: boolean("require_two_factor_admins").notNull().default(false),
    requireTwoFactorDoctors: boolean("require_two_factor_doctors").notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    check("app_settings_single_row", sql`${t.id} = 1`),
    check("app_settings_cancellation_window_range", sql`${t.cancellationWindowHours} between 0 and 720`),
    check("app_settings_booking_grace_range", sql`${t.bookingGraceMinutes} between 0 and 1440`),
    check("app_settings_refund_hours_range", sql`${t.patientFullRefundHours} between 0 and 720`),
    check("app_settings_reminder_lead_range", sql`${t.reminderLeadMinutes} between 0 and 10080`),
    check("app_settings_hold_range", sql`${t.paymentHoldMinutes} between 5 and 1440`),
    check("app_settings_session_idle_range", sql`${t.sessionIdleMinutes} between 5 and 1440`),
    check("app_settings_account_emails_per_address_range", sql`${t.accountEmailsPerAddressPerHour} between 1 and 100`),
    check("app_settings_account_emails_per_ip_range", sql`${t.accountEmailsPerIpPerHour} between 1 and 100000`),
    check("app_settings_registrations_per_ip_range", sql`${t.registrationsPerIpPerHour} between 1 and 100000`),
    check("app_settings_sign_in_attempts_per_ip_range", sql`${t.signInAttemptsPerIpPer15Minutes} between 1 and 100000`),
    check("app_settings_email_body_retention_range", sql`${t.emailBodyRetentionDays} between 1 and 3650`),
    check("app_settings_sign_in_record_retention_range", sql`${t.signInRecordRetentionDays} between 1 and 3650`),
    check("app_settings_max_active_appointments_per_patient_range", sql`${t.maxActiveAppointmentsPerPatient} between 1 and 100`),
    check("app_settings_max_active_appointments_per_doctor_range", sql`${t.maxActiveAppointmentsPerPatientPerDoctor} between 1 and 100`),
  ],
);
