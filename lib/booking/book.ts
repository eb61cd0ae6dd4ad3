import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { readBookingState, writeBooking, type BookingDoctor, type BookingState } from "@/db/queries/booking";
import type { appointments } from "@/db/schema";
import { isRetryableConflict, lockDoctorSchedule, lockPatientBookings, retryingTransaction } from "@/db/transactions";
import { AppError } from "@/lib/errors";
import { countBooking } from "@/lib/observability/metrics";
import type { OutboxEventData } from "@/lib/outbox/enqueue";
import { bookingPaymentMode, bookingPaymentRow, clearHoldsForBooking, closeCheckoutSessions, holdExpiry } from "@/lib/payments/holds";
import type { PaymentMode } from "@/lib/payments/policy";
import { isSlotOffered } from "@/lib/scheduling";
import { payVisitFromWallet, walletRefusalWorded } from "@/lib/wallet/pay";
import { BUSY_NOW, SLOT_NOT_OFFERED, appointmentSnapshot, bookingErrorsWorded } from "./booking-errors";
import { bookingCapAllows } from "./rules";
import { bookingClosedReason, oneStartWindow, slotInputOf } from "./slot-input";

type Appointment = typeof appointments.$inferSelect;

/** Times the locked path starts again when a change that takes no booking lock (a cancellation, an hours edit) lands between its read and its write. */
const LOCKED_ATTEMPTS = 3;

export interface BookInput {
  patientId: string;
  doctorId: string;
  startsAt: Date;
  reason: string;
  /**
   * The front desk (lib/booking/front-desk.ts): the doctor or admin booking for
   * the patient, already authorised there. The same rules apply; only who is
   * recorded as acting, the wording, and how the fee is paid differ.
   */
  bookedBy?: StaffActor;
  /** For a staff booking: the fee due at the clinic, or a hold whose payment link is emailed to the patient. */
  payment?: "clinic" | "link";
  /** The patient's own choice to pay from their wallet balance: debited with the booking, confirmed at once. */
  payWith?: "wallet";
}

export type StaffActor = { id: string; role: "doctor" | "admin" };

/**
 * Books one slot. The slot is re-checked against the engine, but what really
 * prevents double booking is the database's no-overlap constraint: of two
 * patients racing for one slot, exactly one INSERT succeeds.
 *
 * With Stripe configured and a price above zero the appointment is a hold
 * (pending_payment until the webhook records the payment, released when the
 * hold runs out); without Stripe it is confirmed at once with the fee due at
 * the visit.
 *
 * Two statements in the usual case, no explicit transaction: one read of
 * everything the checks need (one snapshot), then one write
 * (careslot_book_appointment) that takes the doctor's and the patient's locks
 * and writes only if the doctor's free-time version and the patient's held
 * count are still what the read saw. Anything else runs under those locks
 * from the start, in one transaction: a write that found them changed, a
 * booking with holds to release first, a wallet payment. So the booking caps
 * are always counted with nothing else of the patient's in flight, and a burst
 * of parallel bookings by one patient never gets past them.
 */
export async function bookAppointment(db: Db, input: BookInput, now: Date): Promise<Appointment> {
  const who = input.bookedBy ? "staff" : "patient";
  const result = await countedAsTakenOnRefusal(bookingErrorsWorded(who, bookWithoutOrUnderLocks(db, input, now)));
  countBooking(result.appointment.status === "pending_payment" ? "held" : "booked");
  // Holds released on the way must stop being payable; Stripe is called only after the commit.
  await closeCheckoutSessions(result.sessionsToClose);
  return result.appointment;
}

interface Booked {
  appointment: Appointment;
  /** Checkout Sessions of holds released by this booking, to close at Stripe. */
  sessionsToClose: string[];
}

async function bookWithoutOrUnderLocks(db: Db, input: BookInput, now: Date): Promise<Booked> {
  const state = await readBookingState(db, { ...input, now }, oneStartWindow(input.startsAt));
  const plan = planBooking(input, state);
  // Without a free-time row (none is ever deleted, but a doctor could predate it) there is no version to check the read by.
  if (!state.holdsToClear && plan.mode !== "wallet" && state.freeTimeVersion !== null) {
    try {
      const appointment = await checkedWrite(db, input, plan, state, now);
      if (appointment) return { appointment, sessionsToClose: [] };
    } catch (error) {
      if (!isRetryableConflict(error)) throw error; // a deadlock: the locked path queues instead
    }
  }
  const wallet = { patientId: input.patientId, amountMinor: plan.doctor.priceMinor, currency: plan.doctor.currency };
  return walletRefusalWorded(db, wallet, bookUnderLocks(db, input, now));
}

class ReadOutOfDate extends Error {}

/** The booking in one transaction under the doctor's and then the patient's lock, holds released first, a wallet debited with it. */
async function bookUnderLocks(db: Db, input: BookInput, now: Date): Promise<Booked> {
  const request = { ...input, now };
  const window = oneStartWindow(input.startsAt);
  for (let attempt = 1; ; attempt++) {
    try {
      return await retryingTransaction(db, async (tx) => {
        await lockDoctorSchedule(tx, input.doctorId);
        await lockPatientBookings(tx, input.patientId);
        let state = await readBookingState(tx, request, window);
        let plan = planBooking(input, state);
        let sessionsToClose: string[] = [];
        if (state.holdsToClear) {
          sessionsToClose = await clearHoldsForBooking(tx, { ...input, endsAt: plan.endsAt, now });
          state = await readBookingState(tx, request, window); // the patient's own released hold may have freed this time
          plan = planBooking(input, state);
        }
        const appointment = await checkedWrite(tx, input, plan, state, now);
        if (!appointment) throw new ReadOutOfDate();
        if (plan.mode === "wallet") {
          await payVisitFromWallet(tx, { ...appointment, amountMinor: appointment.priceMinor, appointmentId: appointment.id, actor: plan.actor });
        }
        return { appointment, sessionsToClose };
      });
    } catch (error) {
      if (!(error instanceof ReadOutOfDate)) throw error;
      if (attempt >= LOCKED_ATTEMPTS) throw new AppError("conflict", BUSY_NOW);
    }
  }
}

interface BookingPlan {
  doctor: BookingDoctor;
  mode: PaymentMode;
  endsAt: Date;
  actor: { id: string; role: "patient" | "doctor" | "admin" };
}

/** Who may book and how it is paid, from the read: refusals in the patient's (or the clinic's) words. */
function planBooking(input: BookInput, state: BookingState): BookingPlan {
  const { patient, doctor } = state;
  const staff = input.bookedBy;
  if (!patient || patient.role !== "patient" || !patient.active || patient.deleted)
    throw new AppError("forbidden", staff ? "That patient account cannot be booked for." : "Only patient accounts can book appointments.");
  // Staff vouch for a patient they booked (a walk-in has not set a password yet); a patient booking online must have confirmed their address.
  if (!patient.emailVerified && !staff) throw new AppError("forbidden", "Confirm your email address before booking.");
  if (!doctor) throw new AppError("not_found", "We could not find that doctor.");
  const closed = bookingClosedReason(doctor);
  if (closed) throw new AppError("conflict", closed);
  const mode =
    input.payWith === "wallet" && !staff && doctor.priceMinor > 0 ? "wallet" : staffPaymentMode(bookingPaymentMode(doctor.priceMinor), input.payment);
  return {
    doctor,
    mode,
    endsAt: new Date(input.startsAt.getTime() + doctor.slotMinutes * 60_000),
    actor: staff ?? { id: input.patientId, role: "patient" },
  };
}

/** The caps and the slot engine on the read, then the write; undefined (nothing written) when the read is out of date. */
async function checkedWrite(db: Db, input: BookInput, plan: BookingPlan, state: BookingState, now: Date): Promise<Appointment | undefined> {
  const rule = bookingCapAllows(state.held, state.settings);
  if (!rule.allowed) throw new AppError("conflict", rule.reason);
  const window = { viewerTimeZone: plan.doctor.timeZone, now, from: input.startsAt, to: new Date(input.startsAt.getTime() + 1) };
  if (!isSlotOffered(slotInputOf(plan.doctor, state, window), input.startsAt)) throw new AppError("slot_taken", SLOT_NOT_OFFERED);

  const staff = input.bookedBy;
  const { doctor, mode } = plan;
  const row = {
    id: randomUUID(),
    doctorId: doctor.id,
    patientId: input.patientId,
    startsAt: input.startsAt,
    endsAt: plan.endsAt,
    status: mode === "stripe" ? ("pending_payment" as const) : ("confirmed" as const),
    cancellationReason: null,
  };
  const booking = mode === "stripe" ? "Booked — waiting for payment" : "Booked";
  // For a hold too: the jobs confirm only what is confirmed, and time the hold's release from it.
  const outboxPayload: OutboxEventData<"appointment/booked"> = {
    appointmentId: row.id,
    doctorId: doctor.id,
    patientId: input.patientId,
    startsAt: input.startsAt.toISOString(),
    ...(staff ? { bookedBy: staff.role } : {}),
  };
  return writeBooking(db, {
    ...row,
    holdExpiresAt: mode === "stripe" ? holdExpiry(now, state.settings.paymentHoldMinutes) : null,
    reason: input.reason,
    priceMinor: doctor.priceMinor,
    currency: doctor.currency,
    now,
    read: { freeTimeVersion: state.freeTimeVersion, held: state.held },
    actor: plan.actor,
    eventNote: staff ? `${booking} by the ${staff.role === "doctor" ? "doctor" : "clinic"} for the patient` : booking,
    // Who booked for whom: the actor above, the patient here.
    auditAfter: { ...appointmentSnapshot(row), ...(staff ? { bookedForPatientId: input.patientId, payment: mode } : {}) },
    outboxPayload,
    payment: bookingPaymentRow(mode),
  });
}

/** The bookings metric's "taken": the slot went to someone else between the page and the booking. */
async function countedAsTakenOnRefusal<T>(booking: Promise<T>): Promise<T> {
  try {
    return await booking;
  } catch (error) {
    if (error instanceof AppError && error.code === "slot_taken") countBooking("taken");
    throw error;
  }
}

/**
 * How a staff booking is paid: "clinic" takes the fee at the visit even when
 * online payment is on; "link" holds the slot like an online booking, its
 * payment link emailed to the patient — only where online payment is on.
 */
function staffPaymentMode(mode: PaymentMode, payment: BookInput["payment"]): PaymentMode {
  if (mode === "free" || payment === undefined) return mode;
  if (payment === "clinic") return "clinic";
  if (mode !== "stripe") throw new AppError("conflict", "Online payment is not set up, so no payment link can be sent. Choose “Pay at the clinic”.");
  return mode;
}
