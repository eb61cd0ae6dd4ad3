import "server-only";
import { and, asc, eq, gt, gte, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appointments, availabilityOverrides, availabilityRules, doctorProfiles, users } from "../schema";
import type { AvailabilityRule, IsoWeekday, TimeRange } from "@/lib/scheduling";

// Every function here takes the doctor's id from its caller, who took it from
// the session: no query reads a doctor id out of user input.

export interface SchedulingSettingsRow {
  timeZone: string;
  slotMinutes: number;
  bufferMinutes: number;
  minimumNoticeHours: number;
  bookingHorizonDays: number;
  acceptingBookings: boolean;
}

const settingsColumns = {
  timeZone: doctorProfiles.timeZone,
  slotMinutes: doctorProfiles.slotMinutes,
  bufferMinutes: doctorProfiles.bufferMinutes,
  minimumNoticeHours: doctorProfiles.minimumNoticeHours,
  bookingHorizonDays: doctorProfiles.bookingHorizonDays,
  acceptingBookings: doctorProfiles.acceptingBookings,
};

/** PostgreSQL answers `time` as "HH:MM:SS" ("24:00:00" included); the app speaks "HH:MM". */
const hhmm = (value: string) => value.slice(0, 5);

export async function getSchedulingSettings(db: Db, doctorId: string): Promise<SchedulingSettingsRow | undefined> {
  const [row] = await db.select(settingsColumns).from(doctorProfiles).where(eq(doctorProfiles.userId, doctorId));
  return row;
}

/**
 * Reads the settings with a row lock on the doctor's profile. Every availability
 * write takes it first, so two tabs saving at once run one after the other
 * instead of interleaving their delete-then-insert.
 */
export async function lockSchedulingSettings(db: Db, doctorId: string): Promise<SchedulingSettingsRow | undefined> {
  const [row] = await db.select(settingsColumns).from(doctorProfiles).where(eq(doctorProfiles.userId, doctorId)).for("update");
  return row;
}

export async function getWeeklyRules(db: Db, doctorId: string): Promise<AvailabilityRule[]> {
  const rows = await db
    .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
    .from(availabilityRules)
    .where(eq(availabilityRules.doctorId, doctorId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startTime));
  return rows.map((row) => ({ weekday: row.weekday as IsoWeekday, startTime: hhmm(row.startTime), endTime: hhmm(row.endTime) }));
}

/** Override rows on dates in [fromDate, toDate) (open-ended without toDate), one row per range. */
export async function getOverrideRows(db: Db, doctorId: string, fromDate: string, toDate?: string) {
  const rows = await db
    .select({
      id: availabilityOverrides.id,
      date: availabilityOverrides.date,
      closed: availabilityOverrides.closed,
      startTime: availabilityOverrides.startTime,
      endTime: availabilityOverrides.endTime,
    })
    .from(availabilityOverrides)
    .where(
      and(
        eq(availabilityOverrides.doctorId, doctorId),
        gte(availabilityOverrides.date, fromDate),
        toDate ? lt(availabilityOverrides.date, toDate) : undefined,
      ),
    )
    .orderBy(asc(availabilityOverrides.date), asc(availabilityOverrides.startTime));
  return rows.map((row) => ({ ...row, startTime: row.startTime && hhmm(row.startTime), endTime: row.endTime && hhmm(row.endTime) }));
}

/** Weekly rules and the overrides from `fromDate` on ("YYYY-MM-DD", doctor-local). */
export async function getOpenHours(db: Db, doctorId: string, fromDate: string) {
  const [rules, overrides] = await Promise.all([
    db
      .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
      .from(availabilityRules)
      .where(eq(availabilityRules.doctorId, doctorId)),
    db
      .select({ date: availabilityOverrides.date, closed: availabilityOverrides.closed, startTime: availabilityOverrides.startTime, endTime: availabilityOverrides.endTime })
      .from(availabilityOverrides)
      .where(and(eq(availabilityOverrides.doctorId, doctorId), gte(availabilityOverrides.date, fromDate)))
      .orderBy(asc(availabilityOverrides.date)),
  ]);
  return { rules, overrides };
}

/** Settings, weekly rules and the override rows from `fromDate` on: what the availability page shows. */
export async function getAvailabilityForDoctor(db: Db, doctorId: string, fromDate: string) {
  const settings = await getSchedulingSettings(db, doctorId);
  if (!settings) return undefined;
  const [rules, overrideRows] = await Promise.all([getWeeklyRules(db, doctorId), getOverrideRows(db, doctorId, fromDate)]);
  return { settings, rules, overrideRows };
}

/** Delete-then-insert in one transaction (a savepoint inside a caller's): a failed insert keeps the old rules. */
export async function replaceWeeklyRules(db: Db, doctorId: string, rules: AvailabilityRule[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(availabilityRules).where(eq(availabilityRules.doctorId, doctorId));
    if (rules.length > 0) await tx.insert(availabilityRules).values(rules.map((rule) => ({ doctorId, ...rule })));
  });
}

/**
 * Sets one date's override, replacing any the date had: a single closed row, or
 * one row per range (the table's shape). Atomic like `replaceWeeklyRules`.
 */
export async function addOverride(db: Db, doctorId: string, override: { date: string; closed: boolean; ranges: TimeRange[] }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(availabilityOverrides).where(and(eq(availabilityOverrides.doctorId, doctorId), eq(availabilityOverrides.date, override.date)));
    const rows = override.closed
      ? [{ doctorId, date: override.date, closed: true }]
      : override.ranges.map((range) => ({ doctorId, date: override.date, closed: false, startTime: range.startTime, endTime: range.endTime }));
    await tx.insert(availabilityOverrides).values(rows);
  });
}

/**
 * Deletes the whole date's override that the row `overrideId` belongs to, if
 * and only if that row is the doctor's own; answers the deleted rows (none when
 * the id is unknown or another doctor's). One statement, so nothing to interleave.
 */
export async function deleteOverride(db: Db, doctorId: string, overrideId: string) {
  const ownDate = db
    .select({ date: availabilityOverrides.date })
    .from(availabilityOverrides)
    .where(and(eq(availabilityOverrides.id, overrideId), eq(availabilityOverrides.doctorId, doctorId)));
  const rows = await db
    .delete(availabilityOverrides)
    .where(and(eq(availabilityOverrides.doctorId, doctorId), inArray(availabilityOverrides.date, ownDate)))
    .returning({
      id: availabilityOverrides.id,
      date: availabilityOverrides.date,
      closed: availabilityOverrides.closed,
      startTime: availabilityOverrides.startTime,
      endTime: availabilityOverrides.endTime,
    });
  return rows.map((row) => ({ ...row, startTime: row.startTime && hhmm(row.startTime), endTime: row.endTime && hhmm(row.endTime) }));
}

export async function updateSchedulingSettings(db: Db, doctorId: string, settings: SchedulingSettingsRow): Promise<void> {
  await db.update(doctorProfiles).set(settings).where(eq(doctorProfiles.userId, doctorId));
}

/** The doctor's appointments overlapping [from, to), every status, with the patient's name. */
export async function getCalendarAppointments(db: Db, doctorId: string, from: Date, to: Date) {
  return db
    .select({
      id: appointments.id,
      patientName: users.fullName,
      status: appointments.status,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.patientId))
    .where(and(eq(appointments.doctorId, doctorId), lt(appointments.startsAt, to), gt(appointments.endsAt, from)))
    .orderBy(asc(appointments.startsAt));
}

/**
 * Time that is taken in [from, to): every appointment but cancelled ones and
 * unpaid holds whose time ran out (those are released by the next booking).
 */
export async function getBusyIntervals(db: Db, input: { doctorId: string; from: Date; to: Date; now: Date; excludeAppointmentId?: string }) {
  return db
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.doctorId, input.doctorId),
        ne(appointments.status, "cancelled"),
        lt(appointments.startsAt, input.to),
        gt(appointments.endsAt, input.from),
        or(ne(appointments.status, "pending_payment"), gt(appointments.holdExpiresAt, input.now)),
        input.excludeAppointmentId ? ne(appointments.id, input.excludeAppointmentId) : sql`true`,
      ),
    );
}
