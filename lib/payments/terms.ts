import "server-only";
import { getAppSettings } from "@/db/queries/settings";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { bookingPaymentMode } from "./holds";
import type { PaymentMode } from "./policy";

export interface BookingPaymentTerms {
  mode: PaymentMode;
  /** What the booking panel says about money, before anything is booked. */
  note: string;
}

/** How booking this doctor (the row the page read) is paid for, worded for the booking panel. */
export async function bookingPaymentTerms(doctor: { priceMinor: number; currency: string } | undefined, clinicNote: string): Promise<BookingPaymentTerms> {
  if (!doctor) return { mode: "clinic", note: clinicNote };
  const mode = bookingPaymentMode(doctor.priceMinor);
  if (mode === "free") return { mode, note: "This visit is free of charge: nothing is paid now or at the clinic." };
  if (mode === "clinic") return { mode, note: clinicNote };
  const { paymentHoldMinutes } = await getAppSettings(getDb());
  return {
    mode,
    note: `Pay now: ${formatMoney(doctor.priceMinor, doctor.currency)} by card on Stripe's secure page. We hold this time for you for ${paymentHoldMinutes} minutes while you pay; the booking is confirmed once the payment is received.`,
  };
}
