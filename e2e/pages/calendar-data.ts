// A doctor's week for the calendar journeys, written straight to the e2e
// database (DATABASE_URL, set by scripts/e2e.ts): a fresh verified doctor in
// Berlin and a fresh patient (admin-data.ts), one visit at a chosen wall-clock
// time, and extra weekly hours where a spec needs them.
import { Temporal } from "temporal-polyfill";
import { appointments, availabilityRules } from "../../db/schema";
import type { IsoWeekday } from "../../lib/scheduling";
import { closeTestData, createDoctor, createPatient, db } from "./admin-data";

export const CALENDAR_ZONE = "Europe/Berlin";

/** The spec's connection is admin-data's: closing it closes both. */
export const closeCalendarData = closeTestData;

/** Wednesday of the week Berlin is in now: the week the calendar opens on. */
export function wednesdayThisWeek(): Temporal.PlainDate {
  const today = Temporal.Now.plainDateISO(CALENDAR_ZONE);
  return today.subtract({ days: today.dayOfWeek - 1 }).add({ days: 2 });
}

/** A confirmed visit on `date` at `time` on the Berlin clock; returns its id. */
export async function addVisit(input: { doctorId: string; patientId: string; date: Temporal.PlainDate; time: string; minutes: number; reason: string }) {
  const start = input.date.toZonedDateTime({ timeZone: CALENDAR_ZONE, plainTime: Temporal.PlainTime.from(input.time) });
  const [row] = await db()
    .insert(appointments)
    .values({
      doctorId: input.doctorId,
      patientId: input.patientId,
      startsAt: new Date(start.epochMilliseconds),
      endsAt: new Date(start.add({ minutes: input.minutes }).epochMilliseconds),
      status: "confirmed",
      priceMinor: 5000,
      currency: "EUR",
      reason: input.reason,
    })
    .returning({ id: appointments.id });
  return row.id;
}

export async function addWeeklyHours(doctorId: string, weekday: IsoWeekday, startTime: string, endTime: string): Promise<void> {
  await db().insert(availabilityRules).values({ doctorId, weekday, startTime, endTime });
}

export const VISIT_REASON = "Persistent lower back pain after lifting";

/** A short reason, as patients often give: what a 30-minute visit shows in full beside the name at 1366 px (about 12 characters beside an 11-letter name, in the test machine's DejaVu Sans). */
export const SHORT_REASON = "Sore throat";

/** A fresh verified doctor (Berlin, Mon–Fri 09:00–17:00) with one 30-minute visit this Wednesday at 10:00 by a fresh patient. */
export async function doctorWithVisitThisWeek(reason = VISIT_REASON) {
  const doctor = await createDoctor({ name: "Dr. Cal Endar", verified: true });
  const patient = await createPatient("Anna");
  const date = wednesdayThisWeek();
  const visitId = await addVisit({ doctorId: doctor.id, patientId: patient.id, date, time: "10:00", minutes: 30, reason });
  return { doctor, patient, date, visitId };
}
