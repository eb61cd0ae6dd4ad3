import "server-only";
import { Temporal } from "temporal-polyfill";
import type { Db } from "@/db/client";
import {
  addOverride,
  deleteOverride,
  getAvailabilityForDoctor,
  getOverrideRows,
  getSchedulingSettings,
  getWeeklyRules,
  lockSchedulingSettings,
  replaceWeeklyRules,
  updateSchedulingSettings,
  type SchedulingSettingsRow,
} from "@/db/queries/availability";
import { insertAuditEntry } from "@/db/queries/audit";
import { AppError } from "@/lib/errors";
import type { AvailabilityRule, IsoWeekday } from "@/lib/scheduling";
import { groupOverrideRows, rulesByWeekday } from "./open-hours";
import type { DateOverrideInput, SchedulingSettingsInput, WeeklyHoursInput } from "./schemas";

// The availability room's writes. Each takes input parsed with the shared
// schema at the boundary (lib/actions.ts: the browser's check proves nothing), then
// locks the doctor's profile row, changes only that doctor's rows and writes the
// audit entry, all in one transaction: a refusal or a failure changes nothing.

/** How far ahead an override may be set: beyond any booking horizon (365 days), with room to plan. */
const OVERRIDE_MAX_DAYS_AHEAD = 730;

/** The doctor's calendar date at `now`: "today" is where the doctor is, not where the server runs. */
export function doctorToday(now: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

function audit(db: Db, doctorId: string, action: string, before: unknown, after: unknown) {
  return insertAuditEntry(db, { actorId: doctorId, actorRole: "doctor", action, entityType: "doctor_profile", entityId: doctorId, before, after });
}

async function lockedSettings(tx: Db, doctorId: string): Promise<SchedulingSettingsRow> {
  const settings = await lockSchedulingSettings(tx, doctorId);
  if (!settings) throw new AppError("not_found", "Your doctor profile could not be found.");
  return settings;
}

/** Everything the availability page shows: settings, weekly hours by weekday, overrides from the doctor's today on. */
export async function loadAvailability(db: Db, doctorId: string, now: Date) {
  // The zone decides which date is "today", so it is read before the rest.
  const profile = await getSchedulingSettings(db, doctorId);
  if (!profile) return undefined;
  const today = doctorToday(now, profile.timeZone);
  const data = await getAvailabilityForDoctor(db, doctorId, today);
  if (!data) return undefined;
  return { settings: data.settings, weekly: rulesByWeekday(data.rules), overrides: groupOverrideRows(data.overrideRows), today };
}

export async function saveWeeklyHours(db: Db, doctorId: string, { days }: WeeklyHoursInput): Promise<{ rules: AvailabilityRule[] }> {
  const rules = days.flatMap((day, index) => day.ranges.map((range) => ({ weekday: (index + 1) as IsoWeekday, ...range })));
  await db.transaction(async (tx) => {
    await lockedSettings(tx, doctorId);
    const before = await getWeeklyRules(tx, doctorId);
    await replaceWeeklyRules(tx, doctorId, rules);
    await audit(tx, doctorId, "availability.rules_replaced", { rules: before }, { rules });
  });
  return { rules };
}

/** Sets (or replaces) one date's hours: closed, or custom ranges. Past dates are history and stay as they were. */
export async function saveDateOverride(db: Db, doctorId: string, override: DateOverrideInput, now: Date): Promise<{ date: string }> {
  await db.transaction(async (tx) => {
    const settings = await lockedSettings(tx, doctorId);
    const today = Temporal.PlainDate.from(doctorToday(now, settings.timeZone));
    const date = Temporal.PlainDate.from(override.date);
    if (Temporal.PlainDate.compare(date, today) < 0) {
      throw new AppError("invalid_input", "Past dates cannot be changed.", { date: [`Choose ${today.toString()} or a later date.`] });
    }
    if (Temporal.PlainDate.compare(date, today.add({ days: OVERRIDE_MAX_DAYS_AHEAD })) > 0) {
      throw new AppError("invalid_input", "That date is too far ahead.", { date: [`Choose a date within ${OVERRIDE_MAX_DAYS_AHEAD} days.`] });
    }
    const next = date.add({ days: 1 }).toString();
    const [before] = groupOverrideRows(await getOverrideRows(tx, doctorId, override.date, next));
    const after = { date: override.date, closed: override.kind === "closed", ranges: override.kind === "custom" ? override.ranges : [] };
    await addOverride(tx, doctorId, after);
    await audit(tx, doctorId, "availability.override_saved", before ? { date: before.date, closed: before.closed, ranges: before.ranges } : null, after);
  });
  return { date: override.date };
}

export async function removeDateOverride(db: Db, doctorId: string, { overrideId }: { overrideId: string }): Promise<{ date: string }> {
  return db.transaction(async (tx) => {
    await lockedSettings(tx, doctorId);
    const deleted = await deleteOverride(tx, doctorId, overrideId);
    // Unknown, already deleted or another doctor's: the same answer, so ids reveal nothing.
    if (deleted.length === 0) throw new AppError("not_found", "That override no longer exists. The list has been refreshed.");
    const [before] = groupOverrideRows(deleted);
    await audit(tx, doctorId, "availability.override_deleted", { date: before!.date, closed: before!.closed, ranges: before!.ranges }, null);
    return { date: before!.date };
  });
}

export async function saveSchedulingSettings(db: Db, doctorId: string, settings: SchedulingSettingsInput): Promise<{ settings: SchedulingSettingsRow }> {
  await db.transaction(async (tx) => {
    const before = await lockedSettings(tx, doctorId);
    await updateSchedulingSettings(tx, doctorId, settings);
    await audit(tx, doctorId, "availability.settings_updated", before, settings);
  });
  return { settings };
}
