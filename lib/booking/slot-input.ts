import "server-only";
import type { Db } from "@/db/client";
import { getBookableDoctor } from "@/db/queries/profiles";
import { getBusyIntervals, getOverrideRows, getWeeklyRules } from "@/db/queries/availability";
import type { AvailabilityOverride, ComputeSlotsInput } from "@/lib/scheduling";

const DAY_MS = 86_400_000;

export type BookableDoctor = NonNullable<Awaited<ReturnType<typeof getBookableDoctor>>>;

function toOverrides(rows: { date: string; closed: boolean; startTime: string | null; endTime: string | null }[]): AvailabilityOverride[] {
  const byDate = new Map<string, AvailabilityOverride>();
  for (const row of rows) {
    const override = byDate.get(row.date) ?? { date: row.date, closed: false, ranges: [] };
    if (row.closed) override.closed = true;
    else if (row.startTime && row.endTime) override.ranges.push({ startTime: row.startTime, endTime: row.endTime });
    byDate.set(row.date, override);
  }
  return [...byDate.values()];
}

/** Everything the pure slot engine needs for one doctor, read from the database. */
export async function loadSlotInput(
  db: Db,
  doctor: BookableDoctor,
  options: { viewerTimeZone: string; now: Date; from?: Date; to?: Date; excludeAppointmentId?: string },
): Promise<ComputeSlotsInput> {
  const { now } = options;
  const horizonEnd = new Date(now.getTime() + doctor.bookingHorizonDays * DAY_MS);
  // A day of margin either side: buffers and late-running visits reach across the window's edges.
  const busyFrom = new Date((options.from ?? now).getTime() - DAY_MS);
  const busyTo = new Date((options.to ?? horizonEnd).getTime() + DAY_MS);
  const overridesFrom = new Date(now.getTime() - 2 * DAY_MS).toISOString().slice(0, 10);
  const [rules, overrideRows, busy] = await Promise.all([
    getWeeklyRules(db, doctor.id),
    getOverrideRows(db, doctor.id, overridesFrom),
    getBusyIntervals(db, { doctorId: doctor.id, from: busyFrom, to: busyTo, now, excludeAppointmentId: options.excludeAppointmentId }),
  ]);
  return {
    rules,
    overrides: toOverrides(overrideRows),
    busy,
    settings: {
      timeZone: doctor.timeZone,
      slotMinutes: doctor.slotMinutes,
      bufferMinutes: doctor.bufferMinutes,
      minimumNoticeMinutes: doctor.minimumNoticeHours * 60,
      horizonDays: doctor.bookingHorizonDays,
    },
    now,
    viewerTimeZone: options.viewerTimeZone,
    from: options.from,
    to: options.to,
  };
}

/** Why a doctor takes no bookings right now, or null when they do. */
export function bookingClosedReason(doctor: BookableDoctor): string | null {
  if (!doctor.active || doctor.verificationStatus !== "verified") return "This doctor is not taking bookings on Careslot.";
  if (!doctor.acceptingBookings) return "This doctor is not accepting new bookings at the moment.";
  return null;
}
