import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { appSettings } from "../schema";

export type AppSettings = typeof appSettings.$inferSelect;

/** The admin-set policy; the migration inserts its one row. */
export async function getAppSettings(db: Db): Promise<AppSettings> {
  const row = await db.query.appSettings.findFirst({ where: eq(appSettings.id, 1) });
  if (!row) throw new Error("app_settings row missing: run the migrations");
  return row;
}

export type SettingsValues = Pick<
  typeof appSettings.$inferSelect,
  | "cancellationWindowHours"
  | "bookingGraceMinutes"
  | "patientFullRefundHours"
  | "reminderLeadMinutes"
  | "paymentHoldMinutes"
  | "sessionIdleMinutes"
  | "accountEmailsPerAddressPerHour"
  | "accountEmailsPerIpPerHour"
  | "registrationsPerIpPerHour"
  | "signInAttemptsPerIpPer15Minutes"
  | "emailBodyRetentionDays"
  | "signInRecordRetentionDays"
  | "maxActiveAppointmentsPerPatient"
  | "maxActiveAppointmentsPerPatientPerDoctor"
>;

export async function lockAppSettings(db: Db) {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.id, 1)).for("update");
  return row;
}

export async function updateAppSettings(db: Db, values: SettingsValues) {
  const [row] = await db.update(appSettings).set(values).where(eq(appSettings.id, 1)).returning();
  return row;
}

/** The two-factor policy is saved on its own form (lib/admin/two-factor.ts). */
export async function updateTwoFactorPolicy(db: Db, values: Pick<AppSettings, "requireTwoFactorAdmins" | "requireTwoFactorDoctors">) {
  await db.update(appSettings).set(values).where(eq(appSettings.id, 1));
}
