import "server-only";
import type { Db } from "@/db/client";
import { getCalendarAppointments } from "@/db/queries/availability";
import { getPatientHistoryWithDoctor, getPatientOfDoctor, listPatientsOfDoctor } from "@/db/queries/appointments";
import { loadAvailability, removeDateOverride, saveDateOverride, saveWeeklyHours } from "@/lib/availability/service";
import { dateOverrideSchema, weeklyHoursSchema } from "@/lib/availability/schemas";
import { AppError, parseInput } from "@/lib/errors";
import { pageFromRows, pageOfList, sliceFromPages, type Paging } from "./paging";

// The doctor's endpoints over the availability service and the care-gated
// patient queries the portal uses.

const MAX_SCHEDULE_DAYS = 62;
const toRange = (range: { startTime: string; endTime: string }) => ({ start_time: range.startTime, end_time: range.endTime });
const fromRange = (range: { start_time: string; end_time: string }) => ({ startTime: range.start_time, endTime: range.end_time });

/** "days.2.ranges.0.startTime" (the form's path) → "rules.2.start_time", near enough to find the field. */
function apiPaths(error: unknown, prefix: string): never {
  if (error instanceof AppError && error.fieldErrors) {
    const renamed = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([key, messages]) => [
        key
          .replace(/^days/, prefix)
          .replace(/\.ranges/, "")
          .replace("startTime", "start_time")
          .replace("endTime", "end_time"),
        messages,
      ]),
    );
    throw new AppError(error.code, error.message, renamed);
  }
  throw error;
}

export async function availabilityView(db: Db, doctorId: string, now: Date) {
  const data = await loadAvailability(db, doctorId, now);
  if (!data) throw new AppError("not_found", "Your doctor profile could not be found.");
  return {
    time_zone: data.settings.timeZone,
    slot_minutes: data.settings.slotMinutes,
    buffer_minutes: data.settings.bufferMinutes,
    minimum_notice_hours: data.settings.minimumNoticeHours,
    booking_horizon_days: data.settings.bookingHorizonDays,
    accepting_bookings: data.settings.acceptingBookings,
    rules: data.weekly.flatMap((ranges, index) => ranges.map((range) => ({ weekday: index + 1, ...toRange(range) }))),
    overrides: data.overrides.map((o) => ({ id: o.id, date: o.date, closed: o.closed, ranges: o.ranges.map(toRange) })),
  };
}

export async function replaceWeeklyRules(db: Db, doctorId: string, rules: { weekday: number; start_time: string; end_time: string }[], now: Date) {
  const days = Array.from({ length: 7 }, (_, index) => ({ ranges: rules.filter((rule) => rule.weekday === index + 1).map(fromRange) }));
  try {
    await saveWeeklyHours(db, doctorId, parseInput(weeklyHoursSchema, { days }, { nestedFields: true }));
  } catch (error) {
    apiPaths(error, "rules");
  }
  return availabilityView(db, doctorId, now);
}

export async function setDateOverride(
  db: Db,
  doctorId: string,
  body: { date: string; kind: "closed" | "custom"; ranges?: { start_time: string; end_time: string }[] },
  now: Date,
) {
  try {
    const input = parseInput(dateOverrideSchema, { date: body.date, kind: body.kind, ranges: (body.ranges ?? []).map(fromRange) }, { nestedFields: true });
    await saveDateOverride(db, doctorId, input, now);
  } catch (error) {
    apiPaths(error, "ranges");
  }
  return availabilityView(db, doctorId, now);
}

export async function deleteDateOverride(db: Db, doctorId: string, overrideId: string): Promise<void> {
  await removeDateOverride(db, doctorId, { overrideId });
}

export async function scheduleView(db: Db, doctorId: string, window: Paging & { from: string; to: string }) {
  const from = new Date(window.from);
  const to = new Date(window.to);
  if (to <= from) throw new AppError("invalid_input", "to must come after from.", { to: ["Must come after from."] });
  if (to.getTime() - from.getTime() > MAX_SCHEDULE_DAYS * 86_400_000)
    throw new AppError("invalid_input", `Ask for at most ${MAX_SCHEDULE_DAYS} days at a time.`, { to: [`At most ${MAX_SCHEDULE_DAYS} days after from.`] });
  const rows = await getCalendarAppointments(db, doctorId, from, to);
  return pageOfList(rows, window, (row) => ({
    id: row.id,
    status: row.status,
    starts_at: row.startsAt.toISOString(),
    ends_at: row.endsAt.toISOString(),
    patient_name: row.patientName,
    reason: row.reason,
  }));
}

export async function patientsPage(db: Db, doctorId: string, query: Paging & { q?: string }, now: Date) {
  const rows = await sliceFromPages(async (page, pageSize) => (await listPatientsOfDoctor(db, { doctorId, query: query.q, page, pageSize, now })).rows, query);
  return pageFromRows(rows, query, (row) => ({
    id: row.id,
    full_name: row.fullName,
    email: row.email,
    visits: row.visits,
    last_visit: row.lastVisit?.toISOString() ?? null,
    next_visit: row.nextVisit?.toISOString() ?? null,
  }));
}

/** A patient in the doctor's care; anyone else (never booked, all cancelled) is a 404. */
export async function patientView(db: Db, doctorId: string, patientId: string) {
  const [patient, history] = await Promise.all([getPatientOfDoctor(db, doctorId, patientId), getPatientHistoryWithDoctor(db, doctorId, patientId)]);
  if (!patient) throw new AppError("not_found", "We could not find that patient.");
  return {
    id: patient.id,
    full_name: patient.fullName,
    email: patient.email,
    phone: patient.phone,
    time_zone: patient.timeZone,
    allergies: patient.allergies,
    chronic_conditions: patient.chronicConditions,
    current_medications: patient.currentMedications,
    blood_type: patient.bloodType,
    history: history.map((row) => ({
      id: row.id,
      status: row.status,
      starts_at: row.startsAt.toISOString(),
      reason: row.reason,
      note: row.note,
      summary: row.summary,
    })),
  };
}
