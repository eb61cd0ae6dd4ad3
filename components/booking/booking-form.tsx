import { BookingCheckoutForm } from "@/components/payments/booking-checkout-form";
import { bookingPaymentTerms } from "@/lib/payments/terms";
import { getDoctorForRequest } from "@/lib/profiles/doctor-page";
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
}: {
  doctorId: string;
  startsAt: string;
  summary: string;
  paymentNote: string;
  /** The reason typed before signing in (lib/booking/reason-draft.ts). */
  draftReason?: string;
}) {
  // The page read this doctor already: the request's cache answers, not the database.
  const terms = await bookingPaymentTerms(await getDoctorForRequest(doctorId), paymentNote);
  return (
    <div className="flex flex-col gap-3">
      <CancellationWindowWarning startsAt={startsAt} />
      <BookingCheckoutForm
        doctorId={doctorId}
        startsAt={startsAt}
        summary={summary}
        paymentNote={terms.note}
        payNow={terms.mode === "stripe"}
        draftReason={draftReason}
      />
    </div>
  );
}
