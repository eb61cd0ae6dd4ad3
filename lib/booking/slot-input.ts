import "server-only";
import type { Db } from "@/db/client";
import { getBookableDoctor } from "@/db/queries/profiles";
import { getBusyIntervals, getOverrideRows, getWeeklyRules } from "@/db/queries/availability";
import type { AvailabilityOverride, ComputeSlotsInput } from "@/lib/scheduling";

const DAY_MS = 86_400_000;

export type BookableDoctor = NonNullable<Awaited<ReturnType<typeof getBookableDoctor>>>;

type OverrideRow = { date: string; closed: boolean; startTime: string | null; endTime: string | null };

function toOverrides(rows: OverrideRow[]): AvailabilityOverride[] {
  const byDate = new Map<string, AvailabilityOverride>();
  for (const row of rows) {
    const override = byDate.get(row.date) ?? { date: row.date, closed: false, ranges: [] };
    if (row.closed) override.closed = true;
    else if (row.startTime && row.endTime) override.ranges.push({ startTime: row.startTime, endTime: row.endTime });
    byDate.set(row.date, override);
  }
  return [...byDate.values()];
}

/** The doctor's columns the engine reads: a bookable doctor's profile, or the booking's own read of it (db/queries/booking.ts). */
export type SchedulingDoctor = Pick<BookableDoctor, "timeZone" | "slotMinutes" | "bufferMinutes" | "minimumNoticeHours" | "bookingHorizonDays">;

export interface SlotWindow {
  viewerTimeZone: string;
  now: Date;
  from?: Date;
  to?: Date;
}

/** Busy time the engine must see for starts in [from, to): a day of margin either side, as buffers and late-running visits reach across the window's edges. */
function busyAround(from: Date, to: Date): { busyFrom: Date; busyTo: Date } {
  return { busyFrom: new Date(from.getTime() - DAY_MS), busyTo: new Date(to.getTime() + DAY_MS) };
}

/**
 * What the engine reads to check the one start `startsAt` (isSlotOffered): the
 * busy time around it, and the override dates it can fall on — its local date
 * is its UTC date or the one either side, in every zone.
 */
export function oneStartWindow(startsAt: Date): { busyFrom: Date; busyTo: Date; overridesFrom: string; overridesTo: string } {
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const start = startsAt.getTime();
  return { ...busyAround(startsAt, new Date(start + 1)), overridesFrom: isoDate(start - DAY_MS), overridesTo: isoDate(start + 2 * DAY_MS) };
}

/** The engine's input from rows already read: weekly rules, override rows (one per range) and busy time. */
export function slotInputOf(
  doctor: SchedulingDoctor,
  schedule: { rules: ComputeSlotsInput["rules"]; overrideRows: OverrideRow[]; busy: ComputeSlotsInput["busy"] },
  options: SlotWindow,
): ComputeSlotsInput {
  return {
    rules: schedule.rules,
    overrides: toOverrides(schedule.overrideRows),
    busy: schedule.busy,
    settings: {
      timeZone: doctor.timeZone,
      slotMinutes: doctor.slotMinutes,
      bufferMinutes: doctor.bufferMinutes,
      minimumNoticeMinutes: doctor.minimumNoticeHours * 60,
      horizonDays: doctor.bookingHorizonDays,
    },
    now: options.now,
    viewerTimeZone: options.viewerTimeZone,
    from: options.from,
    to: options.to,
  };
}

/** Everything the pure slot engine needs for one doctor, read from the database. */
export async function loadSlotInput(db: Db, doctor: BookableDoctor, options: SlotWindow & { excludeAppointmentId?: string }): Promise<ComputeSlotsInput> {
  const { now } = options;
  const horizonEnd = new Date(now.getTime() + doctor.bookingHorizonDays * DAY_MS);
  const { busyFrom, busyTo } = busyAround(options.from ?? now, options.to ?? horizonEnd);
  const overridesFrom = new Date(now.getTime() - 2 * DAY_MS).toISOString().slice(0, 10);
  const [rules, overrideRows, busy] = await Promise.all([
    getWeeklyRules(db, doctor.id),
    getOverrideRows(db, doctor.id, overridesFrom),
    getBusyIntervals(db, { doctorId: doctor.id, from: busyFrom, to: busyTo, now, excludeAppointmentId: options.excludeAppointmentId }),
  ]);
  return slotInputOf(doctor, { rules, overrideRows, busy }, options);
}

/** Why a doctor takes no bookings right now, or null when they do. */
export function bookingClosedReason(doctor: Pick<BookableDoctor, "active" | "verificationStatus" | "acceptingBookings">): string | null {
  if (!doctor.active || doctor.verificationStatus !== "verified") return "This doctor is not taking bookings on Careslot.";
  if (!doctor.acceptingBookings) return "This doctor is not accepting new bookings at the moment.";
  return null;
}
