import { eventType } from "inngest";
import { z } from "zod";
import { actorRole as actorRoleEnum } from "@/lib/vocabulary";

// Every event Careslot sends or receives, typed and validated. Domain events
// are written to the outbox by the services through lib/outbox/enqueue.ts,
// which takes only the names below with the payload their schema takes, and
// are delivered with the outbox row id as the event id.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });
const actorRole = z.enum(actorRoleEnum.enumValues);

/** A visit was booked: confirmed at once, or held as pending_payment until paid (then `appointment/confirmed`). */
export const appointmentBooked = eventType("appointment/booked", {
  // bookedBy: the doctor or admin who booked for the patient at the front desk (absent: the patient booked online).
  schema: z.object({ appointmentId: id, doctorId: id, patientId: id, startsAt: instant, bookedBy: z.enum(["doctor", "admin"]).optional() }),
});

export const appointmentCancelled = eventType("appointment/cancelled", {
  schema: z.object({ appointmentId: id, cancelledBy: actorRole, reason: z.string() }),
});

/** `appointmentId` is the new appointment; the previous one was cancelled as "Rescheduled". */
export const appointmentRescheduled = eventType("appointment/rescheduled", {
  schema: z.object({ appointmentId: id, previousAppointmentId: id, previousStartsAt: instant, startsAt: instant }),
});

/** A booking held for payment (pending_payment) was paid and is now confirmed (the Stripe webhook). */
export const appointmentConfirmed = eventType("appointment/confirmed", {
  schema: z.object({ appointmentId: id, startsAt: instant }),
});

/** A payment was taken: online (the webhook) or marked paid at the clinic. */
export const paymentPaid = eventType("payment/paid", {
  schema: z.object({ paymentId: id, appointmentId: id }),
});

/** A refund succeeded (not for a late payment, which has its own email). */
export const paymentRefunded = eventType("payment/refunded", {
  schema: z.object({ paymentId: id, appointmentId: id, refundId: id.optional(), amountMinor: z.number().int().positive() }),
});

/**
 * A payment arrived after its hold was given to someone else: the whole amount
 * is being refunded (its refund row is recorded), and the patient is told why.
 */
export const paymentLateRefundRecorded = eventType("payment/late-refund.recorded", {
  schema: z.object({ paymentId: id, appointmentId: id, refundId: id, amountMinor: z.number().int().positive() }),
});

/** An administrator verified a doctor: the profile is public. */
export const doctorVerified = eventType("doctor/verified", {
  schema: z.object({ doctorId: id }),
});

/** An administrator rejected a doctor, or withdrew a verification, for this reason. */
export const doctorRejected = eventType("doctor/rejected", {
  schema: z.object({ doctorId: id, reason: z.string() }),
});

/** Ask for the monthly reports of one month ("YYYY-MM") to be computed again. */
export const reportsMonthRequested = eventType("reports/month.requested", {
  schema: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
});

/** One doctor's monthly report is ready to be announced to them. */
export const reportsDoctorReportReady = eventType("reports/doctor-report.ready", {
  schema: z.object({ reportId: id, doctorId: id, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/) }),
});

/** An administrator reset a user's two-factor authentication: the user is told. */
export const accountTwoFactorReset = eventType("account/two-factor.reset", {
  schema: z.object({ userId: id }),
});

/** A doctor answered a patient's review: the patient is told (unless they switched review replies off). */
export const reviewReplied = eventType("review/replied", {
  schema: z.object({ reviewId: id, patientId: id, doctorId: id }),
});

/** A wallet movement the patient is emailed about: an admin's adjustment, a top-up credited (its receipt), a withdrawal started. */
export const walletMovementRecorded = eventType("wallet/movement.recorded", {
  schema: z.object({ transactionId: id }),
});

/** Every refund of a withdrawal reached its final state: the patient is told what reached the card and what came back. */
export const walletWithdrawalSettled = eventType("wallet/withdrawal.settled", {
  schema: z.object({ withdrawalId: id }),
});
