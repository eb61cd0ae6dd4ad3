import "server-only";
import { getDb } from "@/lib/db";
import { getBookableDoctor } from "@/db/queries/profiles";
import { getAppSettings } from "@/db/queries/settings";
import { formatMoney } from "@/lib/format";
import { bookingPaymentMode } from "./holds";
import type { PaymentMode } from "./policy";

export interface BookingPaymentTerms {
  mode: PaymentMode;
  /** What the booking panel says about money, before anything is booked. */
  note: string;
}

/** How booking this doctor is paid for, worded for the booking panel. */
export async function bookingPaymentTerms(doctorId: string, clinicNote: string): Promise<BookingPaymentTerms> {
  const db = getDb();
  const doctor = await getBookableDoctor(db, doctorId);
  if (!doctor) return { mode: "clinic", note: clinicNote };
  const mode = bookingPaymentMode(doctor.priceMinor);
  if (mode === "free") return { mode, note: "This visit is free of charge: nothing is paid now or at the clinic." };
  if (mode === "clinic") return { mode, note: clinicNote };
  const { paymentHoldMinutes } = await getAppSettings(db);
  return {
    mode,
    note: `Pay now: ${formatMoney(doctor.priceMinor, doctor.currency)} by card on Stripe's secure page. We hold this time for you for ${paymentHoldMinutes} minutes while you pay; the booking is confirmed once the payment is received.`,
  };
}
