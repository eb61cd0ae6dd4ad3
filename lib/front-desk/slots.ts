import "server-only";
import { getBookableDoctor, listBookableDoctors } from "@/db/queries/profiles";
import { getDb } from "@/lib/db";
import { onlinePaymentsEnabled } from "@/lib/payments/stripe-client";
import { bookingClosedReason } from "@/lib/booking/slot-input";
import { freeSlotDays } from "@/lib/booking/slot-view";
import { slotPanel } from "@/lib/booking/slot-week";

// What the front-desk pages ("Book for a patient", staff reschedule) show:
// the doctor's free times in the doctor's own zone, from the same slot engine
// the patient's booking panel uses.

type Query = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** The doctor's week of free times for ?date=&slot=, or why the doctor takes no bookings. */
export async function frontDeskSlots(doctorId: string, query: Query, options: { excludeAppointmentId?: string } = {}) {
  const db = getDb();
  const doctor = await getBookableDoctor(db, doctorId);
  if (!doctor) return null;
  const now = new Date();
  const zone = doctor.timeZone;
  const closed = bookingClosedReason(doctor);
  const days = closed && !options.excludeAppointmentId ? [] : await freeSlotDays(db, doctor, { viewerTimeZone: zone, now, ...options });
  const panel = slotPanel(days, { now, viewerTimeZone: zone, horizonDays: doctor.bookingHorizonDays, date: one(query.date), slot: one(query.slot) });
  return {
    doctor,
    zone,
    closed,
    panel,
    /** "Email a payment link" needs online payment and a price. */
    paymentLinkAvailable: onlinePaymentsEnabled() && doctor.priceMinor > 0,
  };
}

/** The doctors an admin may book with: verified and active, by name. */
export function bookableDoctors() {
  return listBookableDoctors(getDb());
}
