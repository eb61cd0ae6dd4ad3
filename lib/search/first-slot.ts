import "server-only";
import type { Db } from "@/db/client";
import { bookingClosedReason, loadSlotInput, type BookableDoctor } from "@/lib/booking/slot-input";
import { computeSlots, type Slot } from "@/lib/scheduling";

const DAY_MS = 86_400_000;
/** Most doctors have a free slot within days: asking the engine for a short window first keeps the usual case cheap. */
const FIRST_LOOK_DAYS = 3;

/**
 * The doctor's first free slot before `windowEnd` (default: their whole booking
 * horizon), by the very code the booking service runs: loadSlotInput reads
 * rules, overrides and active appointments (expired unpaid holds excluded),
 * computeSlots applies notice, horizon, buffers and time zones. A paused,
 * unverified or inactive doctor has none, as on their booking page.
 */
export async function firstFreeSlot(db: Db, doctor: BookableDoctor, context: { now: Date; viewerTimeZone: string }, windowEnd?: Date): Promise<Slot | null> {
  if (bookingClosedReason(doctor)) return null;
  const { now, viewerTimeZone } = context;
  const input = await loadSlotInput(db, doctor, { viewerTimeZone, now, from: now, to: windowEnd });
  const end = windowEnd?.getTime() ?? now.getTime() + doctor.bookingHorizonDays * DAY_MS;
  const firstLook = Math.min(end, now.getTime() + FIRST_LOOK_DAYS * DAY_MS);
  // The grid never moves with the window (see lib/scheduling/slots.ts), so the
  // first slot of a shorter window is the first slot of the longer one.
  const soon = computeSlots({ ...input, from: now, to: new Date(firstLook) });
  if (soon.length > 0) return soon[0]!;
  if (firstLook >= end) return null;
  return computeSlots({ ...input, from: new Date(firstLook), to: new Date(end) })[0] ?? null;
}
