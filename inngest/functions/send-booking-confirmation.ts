import { getDb } from "@/lib/db";
import { sendConfirmation, sendPaymentLink } from "@/lib/notifications/appointments";
import { textConfirmation } from "@/lib/notifications/sms/appointments";
import { inngest } from "../client";
import { appointmentBooked, appointmentConfirmed } from "../events";

/**
 * Confirms a booking to the patient (with a calendar file and links to move
 * or cancel) and to the doctor. A booking held for payment is skipped when
 * booked and confirmed on `appointment/confirmed`, once paid: sendConfirmation
 * sends only for a confirmed visit, and never the same confirmation twice.
 * A hold the front desk made for the patient emails them its payment link.
 */
export const sendBookingConfirmation = inngest.createFunction(
  { id: "send-booking-confirmation", name: "Booking confirmation emails", triggers: [appointmentBooked, appointmentConfirmed] },
  async ({ event, step }) => {
    const { appointmentId } = event.data;
    const bookedBy = "bookedBy" in event.data ? event.data.bookedBy : undefined;
    const patient = await step.run("email-patient-confirmation", () => sendConfirmation(getDb(), appointmentId, "patient", bookedBy));
    const doctor = await step.run("email-doctor-confirmation", () => sendConfirmation(getDb(), appointmentId, "doctor", bookedBy));
    const patientSms = await step.run("sms-patient-confirmation", () => textConfirmation(getDb(), appointmentId));
    if (!bookedBy) return { appointmentId, patient, doctor, patientSms };
    const paymentLink = await step.run("email-patient-payment-link", () => sendPaymentLink(getDb(), appointmentId));
    return { appointmentId, patient, doctor, patientSms, paymentLink };
  },
);
