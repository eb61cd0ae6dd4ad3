import "server-only";
import { Temporal } from "temporal-polyfill";
import type { Db } from "@/db/client";
import { getCalendarAppointments, getOverrideRows, getSchedulingSettings, getWeeklyRules } from "@/db/queries/availability";
import type { CalendarAppointment, CalendarData, CalendarRange } from "./calendar-range";
import { calendarWeek, type CalendarWeek } from "./calendar-week";
import { groupOverrideRows, hoursByDate } from "./open-hours";
import { skippedTimesOn } from "./skipped-times";

const DAY_MS = 86_400_000;
/** Shown instead of the name when the patient is not in the doctor's care (lib/security/care.ts): a cancelled visit, or a doctor no longer verified. */
export const PATIENT_NOT_IN_CARE = "Patient";

/** An instant on the doctor's wall clock, "YYYY-MM-DDTHH:mm:ss", no offset. */
function wallClock(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: "second" });
}

/** The instant a doctor-local date begins; Temporal picks the first real instant when midnight itself is skipped. */
function startOfDoctorDay(date: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);
}

/**
 * One calendar view: the doctor's hours for each date of the range and the
 * appointments overlapping it. Times leave here already on the doctor's wall
 * clock, so the browser needs no time-zone data of its own.
 */
export async function loadCalendar(db: Db, doctorId: string, range: CalendarRange): Promise<CalendarData | undefined> {
  const settings = await getSchedulingSettings(db, doctorId);
  if (!settings) return undefined;
  const { timeZone } = settings;
  const [rules, overrideRows, appointments] = await Promise.all([
    getWeeklyRules(db, doctorId),
    getOverrideRows(db, doctorId, range.start, range.end),
    getCalendarAppointments(db, doctorId, startOfDoctorDay(range.start, timeZone), startOfDoctorDay(range.end, timeZone)),
  ]);
  return {
    timeZone,
    range,
    days: hoursByDate(rules, groupOverrideRows(overrideRows), range.start, range.end).map((day) => ({ ...day, skipped: skippedTimesOn(day.date, timeZone) })),
    appointments: appointments.map((a): CalendarAppointment => ({
      id: a.id,
      patientName: a.patientName ?? PATIENT_NOT_IN_CARE,
      reason: a.reason ?? "",
      status: a.status,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      localStart: wallClock(a.startsAt, timeZone),
      localEnd: wallClock(a.endsAt, timeZone),
    })),
  };
}

/**
 * The week the calendar page opens on (`requested` is its `?week=` value) with
 * its hours and visits: the grid starts there, and the page lists it for
 * browsers without JavaScript.
 */
export async function loadCalendarWeek(
  db: Db,
  doctorId: string,
  input: { requested: unknown; now: Date },
): Promise<{ week: CalendarWeek; data: CalendarData } | undefined> {
  const settings = await getSchedulingSettings(db, doctorId);
  if (!settings) return undefined;
  const week = calendarWeek(input.requested, settings.timeZone, input.now);
  const data = await loadCalendar(db, doctorId, { start: week.start, end: week.end });
  return data ? { week, data } : undefined;
}

/** The next seven days' active appointments, for the list under the calendar that works without the grid. */
export async function loadUpcomingWeek(db: Db, doctorId: string, now: Date) {
  const settings = await getSchedulingSettings(db, doctorId);
  const rows = await getCalendarAppointments(db, doctorId, now, new Date(now.getTime() + 7 * DAY_MS));
  return {
    timeZone: settings?.timeZone ?? "UTC",
    appointments: rows.filter((row) => row.status !== "cancelled").map((row) => ({ ...row, patientName: row.patientName ?? PATIENT_NOT_IN_CARE })),
  };
}
