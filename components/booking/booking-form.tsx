import { BookingCheckoutForm } from "@/components/payments/booking-checkout-form";
import { bookingPaymentTerms } from "@/lib/payments/terms";
import { getDb } from "@/lib/db";
import { getDoctorForRequest } from "@/lib/profiles/doctor-page";
import { walletOfferFor } from "@/lib/wallet/offer";
import { CancellationWindowWarning } from "./cancellation-window-warning";

/**
 * The last step of booking. Whether the patient pays now (Stripe configured)
 * or at the clinic is decided here on the server, so the panel never promises
 * a card payment that will not happen, nor hides one that will.
 */
export async function BookingForm({
  doctorId,
  startsAt,
  summary,
  paymentNote,
  draftReason,
  patientId,
}: {
  /** The signed-in patient, whose wallet balance may pay. */
  patientId: string;
  doctorId: string;
  startsAt: string;
  summary: string;
  paymentNote: string;
  /** The reason typed before signing in (lib/booking/reason-draft.ts). */
  draftReason?: string;
}) {
  // The page read this doctor already: the request's cache answers, not the database.
  const doctor = await getDoctorForRequest(doctorId);
  const [terms, wallet] = await Promise.all([bookingPaymentTerms(doctor, paymentNote), doctor ? walletOfferFor(getDb(), patientId, doctor) : null]);
  return (
    <div className="flex flex-col gap-3">
      <CancellationWindowWarning startsAt={startsAt} />
      <BookingCheckoutForm
        doctorId={doctorId}
        startsAt={startsAt}
        summary={summary}
        paymentNote={terms.note}
        payNow={terms.mode === "stripe"}
        wallet={wallet}
        draftReason={draftReason}
      />
    </div>
  );
}
