import "server-only";
import { and, asc, eq, gt, gte, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appointments, availabilityOverrides, availabilityRules, doctorProfiles, users } from "../schema";
import { doctorCaresFor } from "./appointments/care";

// A doctor's schedule: weekly rules, date overrides, the scheduling settings,
// and the time appointments take on it. Every write here takes the doctor's id
// from its caller, who took it from the session: no write reads a doctor id out
// of user input. The reads serve the public pages too (free slots, hours).

/** ISO weekday, 1 = Monday … 7 = Sunday, as the table's check allows (lib/scheduling calls it IsoWeekday). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Open hours "HH:MM"–"HH:MM" on the doctor's wall clock; lib/scheduling's TimeRange has this shape. */
export interface HoursRange {
  startTime: string;
  endTime: string;
}

/** One weekly rule as the slot engine takes it (lib/scheduling's AvailabilityRule). */
export interface WeeklyRule extends HoursRange {
  weekday: Weekday;
}

export interface SchedulingSettingsRow {
  timeZone: string;
  slotMinutes: number;
  bufferMinutes: number;
  minimumNoticeHours: number;
  bookingHorizonDays: number;
  acceptingBookings: boolean;
}

/** The columns the slot engine reads from a doctor's profile; shared by every reader of them. */
export const schedulingSettingsColumns = {
  timeZone: doctorProfiles.timeZone,
  slotMinutes: doctorProfiles.slotMinutes,
  bufferMinutes: doctorProfiles.bufferMinutes,
  minimumNoticeHours: doctorProfiles.minimumNoticeHours,
  bookingHorizonDays: doctorProfiles.bookingHorizonDays,
  acceptingBookings: doctorProfiles.acceptingBookings,
};

export async function getSchedulingSettings(db: Db, doctorId: string): Promise<SchedulingSettingsRow | undefined> {
  const [row] = await db.select(schedulingSettingsColumns).from(doctorProfiles).where(eq(doctorProfiles.userId, doctorId));
  return row;
}

/**
 * Reads the settings with a row lock on the doctor's profile. Every availability
 * write takes it first, so two tabs saving at once run one after the other
 * instead of interleaving their delete-then-insert.
 */
export async function lockSchedulingSettings(db: Db, doctorId: string): Promise<SchedulingSettingsRow | undefined> {
  const [row] = await db.select(schedulingSettingsColumns).from(doctorProfiles).where(eq(doctorProfiles.userId, doctorId)).for("update");
  return row;
}

/**
 * A doctor's weekly hours by weekday and start, "HH:MM" (the localTime column):
 * the one reader of the rules, for the slot engine, the availability page and
 * the calendar, and the consultation hours a profile shows (never a copy of its own).
 */
export async function getWeeklyRules(db: Db, doctorId: string): Promise<WeeklyRule[]> {
  const rows = await db
    .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
    .from(availabilityRules)
    .where(eq(availabilityRules.doctorId, doctorId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startTime));
  // The table's check keeps weekday in 1..7.
  return rows.map((row) => ({ ...row, weekday: row.weekday as Weekday }));
}

/** Override rows on dates in [fromDate, toDate) (open-ended without toDate), one row per range. */
export async function getOverrideRows(db: Db, doctorId: string, fromDate: string, toDate?: string) {
  return db
    .select({
      id: availabilityOverrides.id,
      date: availabilityOverrides.date,
      closed: availabilityOverrides.closed,
      startTime: availabilityOverrides.startTime,
      endTime: availabilityOverrides.endTime,
    })
    .from(availabilityOverrides)
    .where(
      and(eq(availabilityOverrides.doctorId, doctorId), gte(availabilityOverrides.date, fromDate), toDate ? lt(availabilityOverrides.date, toDate) : undefined),
    )
    .orderBy(asc(availabilityOverrides.date), asc(availabilityOverrides.startTime));
}

/** Settings, weekly rules and the override rows from `fromDate` on: what the availability page shows. */
export async function getAvailabilityForDoctor(db: Db, doctorId: string, fromDate: string) {
  const settings = await getSchedulingSettings(db, doctorId);
  if (!settings) return undefined;
  const [rules, overrideRows] = await Promise.all([getWeeklyRules(db, doctorId), getOverrideRows(db, doctorId, fromDate)]);
  return { settings, rules, overrideRows };
}

/** Delete-then-insert in one transaction (a savepoint inside a caller's): a failed insert keeps the old rules. */
export async function replaceWeeklyRules(db: Db, doctorId: string, rules: WeeklyRule[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(availabilityRules).where(eq(availabilityRules.doctorId, doctorId));
    if (rules.length > 0) await tx.insert(availabilityRules).values(rules.map((rule) => ({ doctorId, ...rule })));
  });
}

/**
 * Sets one date's override, replacing any the date had: a single closed row, or
 * one row per range (the table's shape). Atomic like `replaceWeeklyRules`.
 */
export async function addOverride(db: Db, doctorId: string, override: { date: string; closed: boolean; ranges: HoursRange[] }): Promise<void> {
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
  return db
    .delete(availabilityOverrides)
    .where(and(eq(availabilityOverrides.doctorId, doctorId), inArray(availabilityOverrides.date, ownDate)))
    .returning({
      id: availabilityOverrides.id,
      date: availabilityOverrides.date,
      closed: availabilityOverrides.closed,
      startTime: availabilityOverrides.startTime,
      endTime: availabilityOverrides.endTime,
    });
}

export async function updateSchedulingSettings(db: Db, doctorId: string, settings: SchedulingSettingsRow): Promise<void> {
  await db.update(doctorProfiles).set(settings).where(eq(doctorProfiles.userId, doctorId));
}

/** The doctor's appointments overlapping [from, to); the patient's name only while that patient is in the doctor's care (null otherwise). */
export async function getCalendarAppointments(db: Db, doctorId: string, from: Date, to: Date) {
  return db
    .select({
      id: appointments.id,
      patientName: sql<string | null>`case when ${doctorCaresFor(doctorId, appointments.patientId)} then ${users.fullName} end`,
      // Health information: shown to the doctor only while the patient is in their care, like the name.
      reason: sql<string | null>`case when ${doctorCaresFor(doctorId, appointments.patientId)} then ${appointments.reason} end`,
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
