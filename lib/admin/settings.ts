import "server-only";
import type { Db } from "@/db/client";
import { lockAppSettings, type SettingsValues, updateAppSettings } from "@/db/queries/settings";
import { AppError } from "@/lib/errors";
import { assertAdmin, auditAdmin, requireActiveAdmin, type Actor } from "./actor";

const keys = [
  "cancellationWindowHours",
  "bookingGraceMinutes",
  "patientFullRefundHours",
  "reminderLeadMinutes",
  "paymentHoldMinutes",
  "sessionIdleMinutes",
  "accountEmailsPerAddressPerHour",
  "accountEmailsPerIpPerHour",
  "registrationsPerIpPerHour",
  "signInAttemptsPerIpPer15Minutes",
  "emailBodyRetentionDays",
  "signInRecordRetentionDays",
  "maxActiveAppointmentsPerPatient",
  "maxActiveAppointmentsPerPatientPerDoctor",
] as const;

function pick(row: SettingsValues): SettingsValues {
  return Object.fromEntries(keys.map((key) => [key, row[key]])) as unknown as SettingsValues;
}

/** Saves the policy the services read; the audit row keeps the values before and after. */
export async function saveSettings(db: Db, actor: Actor, data: SettingsValues) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockAppSettings(tx);
    if (!current) throw new AppError("unavailable", "The settings row is missing: run the database migrations.");
    const before = pick(current);
    const changed = keys.filter((key) => before[key] !== data[key]);
    if (changed.length === 0) return { settings: before, changed };
    const saved = pick(await updateAppSettings(tx, data));
    await auditAdmin(tx, admin, { action: "settings.updated", entityType: "app_settings", entityId: "1", before, after: saved });
    return { settings: saved, changed };
  });
}
