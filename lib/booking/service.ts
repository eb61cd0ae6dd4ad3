import "server-only";
import type { Db } from "@/db/client";
import { countActiveFutureAppointments, insertAppointment, lockAppointment, recordAppointmentEvent, transitionAppointment } from "@/db/queries/appointments";
import { getBookableDoctor } from "@/db/queries/profiles";
import { movePaymentsToAppointment } from "@/db/queries/payments";
import { insertAuditEntry } from "@/db/queries/audit";
import { getAppSettings } from "@/db/queries/settings";
import { getUserById } from "@/db/queries/users";
import { isRetryableConflict, lockDoctorSchedule, lockPatientBookings, retryingTransaction } from "@/db/transactions";
import { AppError, constraintName, sqlState } from "@/lib/errors";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { countBooking } from "@/lib/observability/metrics";
import { isSlotOffered } from "@/lib/scheduling";
import { noFollowUp, runPaymentFollowUp } from "@/lib/payments/follow-up";
import {
  bookingPaymentMode,
  clearHoldsForBooking,
  closeCheckoutSessions,
  hasPendingHolds,
  holdExpiry,
  recordBookingPayment,
  releaseExpiredHolds,
} from "@/lib/payments/holds";
import { settleCancelledPayment } from "@/lib/payments/refunds";
import { payVisitFromWallet, walletRefusalWorded } from "@/lib/wallet/pay";
import { bookingCapAllows, completionAllowed, graceStartOf, noShowAllowed, patientChangeAllowed, type BookingCaps } from "./rules";
import { bookingClosedReason, loadSlotInput } from "./slot-input";
import type { Actor } from "@/lib/vocabulary";
import type { PaymentMode } from "@/lib/payments/policy";

type Appointment = NonNullable<Awaited<ReturnType<typeof lockAppointment>>>;

const PATIENT_OVERLAP = "You already have another appointment at that time. Choose a different slot or cancel the other visit first.";
const STAFF_OVERLAP = "The patient already has another appointment at that time. Choose a different slot or cancel the other visit first.";

const SLOT_NOT_OFFERED = "That time is not available any more. Please choose one of the times shown.";

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
 * The booking caps (admin settings) are counted inside the transaction under
 * the doctor's and then the patient's lock, so a burst of parallel bookings by
 * one patient is counted one at a time and never gets past them.
 */
export async function bookAppointment(db: Db, input: BookInput, now: Date): Promise<Appointment> {
  const [patient, doctor, settings] = await Promise.all([getUserById(db, input.patientId), getBookableDoctor(db, input.doctorId), getAppSettings(db)]);
  const staff = input.bookedBy;
  if (!patient || patient.role !== "patient" || !patient.active || patient.deletedAt)
    throw new AppError("forbidden", staff ? "That patient account cannot be booked for." : "Only patient accounts can book appointments.");
  // Staff vouch for a patient they booked (a walk-in has not set a password yet); a patient booking online must have confirmed their address.
  if (!patient.emailVerifiedAt && !staff) throw new AppError("forbidden", "Confirm your email address before booking.");
  if (!doctor) throw new AppError("not_found", "We could not find that doctor.");
  const closed = bookingClosedReason(doctor);
  if (closed) throw new AppError("conflict", closed);

  const mode =
    input.payWith === "wallet" && !staff && doctor.priceMinor > 0 ? "wallet" : staffPaymentMode(bookingPaymentMode(doctor.priceMinor), input.payment);
  const holdMinutes = mode === "stripe" ? settings.paymentHoldMinutes : 0;
  const endsAt = new Date(input.startsAt.getTime() + doctor.slotMinutes * 60_000);
  let sessionsToClose: string[] = [];
  const booked = await countedAsTakenOnRefusal(
    walletRefusalWorded(
      db,
      { patientId: patient.id, amountMinor: doctor.priceMinor, currency: doctor.currency },
      bookingTransaction(db, staff ? "staff" : "patient", async (tx) => {
        await lockDoctorSchedule(tx, doctor.id);
        await lockPatientBookings(tx, patient.id);
        // Queries issued together on the transaction's connection are pipelined: one round trip, run in order.
        const slotWindow = { viewerTimeZone: doctor.timeZone, now, from: input.startsAt, to: new Date(input.startsAt.getTime() + 1) };
        const people = { doctorId: doctor.id, patientId: patient.id };
        const [holdsToClear, firstLook] = await Promise.all([hasPendingHolds(tx, people), loadSlotInput(tx, doctor, slotWindow)]);
        let slotInput = firstLook;
        if (holdsToClear) {
          sessionsToClose = await clearHoldsForBooking(tx, { ...people, startsAt: input.startsAt, endsAt, now });
          slotInput = await loadSlotInput(tx, doctor, slotWindow); // the patient's own released hold may have freed this time
        }
        await assertWithinBookingCaps(tx, { patientId: patient.id, doctorId: doctor.id, now }, settings);
        if (!isSlotOffered(slotInput, input.startsAt)) throw new AppError("slot_taken", SLOT_NOT_OFFERED);

        const appointment = await insertAppointment(tx, {
          doctorId: doctor.id,
          patientId: patient.id,
          startsAt: input.startsAt,
          endsAt,
          status: mode === "stripe" ? "pending_payment" : "confirmed",
          holdExpiresAt: mode === "stripe" ? holdExpiry(now, holdMinutes) : null,
          reason: input.reason,
          priceMinor: doctor.priceMinor,
          currency: doctor.currency,
          // The booking moment on the injected clock: the grace period after booking runs from it.
          createdAt: now,
        });
        const actor = staff ?? { id: patient.id, role: "patient" as const };
        const booking = mode === "stripe" ? "Booked — waiting for payment" : "Booked";
        // Independent writes, pipelined; any failure aborts the whole transaction.
        await Promise.all([
          recordBookingPayment(tx, appointment, mode, now),
          mode === "wallet" ? payVisitFromWallet(tx, { ...appointment, amountMinor: appointment.priceMinor, appointmentId: appointment.id, actor }) : null,
          recordAppointmentEvent(tx, {
            appointmentId: appointment.id,
            fromStatus: null,
            toStatus: appointment.status,
            actor,
            note: staff ? `${booking} by the ${staff.role === "doctor" ? "doctor" : "clinic"} for the patient` : booking,
          }),
          insertAuditEntry(tx, {
            actorId: actor.id,
            actorRole: actor.role,
            action: "appointment.booked",
            entityType: "appointment",
            entityId: appointment.id,
            // Who booked for whom: the actor above, the patient here.
            after: { ...snapshot(appointment), ...(staff ? { bookedForPatientId: patient.id, payment: mode } : {}) },
          }),
          // For a hold too: the jobs confirm only what is confirmed, and time the hold's release from it.
          enqueueOutboxEvent(tx, "appointment/booked", {
            appointmentId: appointment.id,
            doctorId: doctor.id,
            patientId: patient.id,
            startsAt: appointment.startsAt.toISOString(),
            ...(staff ? { bookedBy: staff.role } : {}),
          }),
        ]);
        return appointment;
      }),
    ),
  );
  countBooking(booked.status === "pending_payment" ? "held" : "booked");
  // Holds released above must stop being payable; Stripe is called only after the commit.
  await closeCheckoutSessions(sessionsToClose);
  return booked;
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

/** Refuses a booking that would take the patient past a cap; counted after their own lapsed or replaced holds were released. */
async function assertWithinBookingCaps(
  tx: Db,
  input: { patientId: string; doctorId: string; now: Date; exceptAppointmentId?: string },
  caps: BookingCaps,
): Promise<void> {
  const rule = bookingCapAllows(await countActiveFutureAppointments(tx, input), caps);
  if (!rule.allowed) throw new AppError("conflict", rule.reason);
}

/**
 * A booking change's transaction, retried on deadlocks, with the no-overlap
 * constraints turned into the messages a patient can act on.
 */
async function bookingTransaction<T>(db: Db, who: "patient" | "staff", work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await retryingTransaction(db, work);
  } catch (error) {
    if (isRetryableConflict(error)) throw new AppError("conflict", "Many people are booking right now. Please try again.");
    if (sqlState(error) !== "23P01") throw error;
    if (constraintName(error) === "appointments_patient_no_overlap") {
      throw new AppError("conflict", who === "patient" ? PATIENT_OVERLAP : STAFF_OVERLAP);
    }
    throw new AppError("slot_taken");
  }
}

/** Locks the appointment and checks the caller may act on it; strangers get "not found". */
async function lockOwned(tx: Db, appointmentId: string, actor: Actor): Promise<Appointment> {
  const appointment = await lockAppointment(tx, appointmentId);
  const owns =
    appointment &&
    (actor.role === "admin" ||
      (actor.role === "patient" && appointment.patientId === actor.id) ||
      (actor.role === "doctor" && appointment.doctorId === actor.id));
  if (!owns) throw new AppError("not_found", "We could not find that appointment.");
  return appointment;
}

/**
 * Cancels, and settles the money by policy in the same transaction: a pending
 * refund row is recorded with the cancellation, then sent to Stripe after the
 * commit, so a Stripe outage never loses the cancellation (the refund stays
 * pending, and the outbox sweep sends it again).
 */
export async function cancelAppointment(
  db: Db,
  input: {
    appointmentId: string;
    actor: Actor;
    reason: string;
    /**
     * Account deletion only (lib/privacy/deletion.ts): the patient's visit is
     * cancelled even inside the cancellation window, so the slot is freed,
     * while the money still follows the patient's refund policy.
     */
    waiveCancellationWindow?: boolean;
    /** The patient's choice for a card-paid visit's refund: the card (default), or wallet credit at once. */
    refundTo?: "card" | "wallet";
  },
  now: Date,
): Promise<Appointment> {
  const settings = await getAppSettings(db);
  let money = noFollowUp();
  const result = await bookingTransaction(db, input.actor.role === "patient" ? "patient" : "staff", async (tx) => {
    const appointment = await lockOwned(tx, input.appointmentId, input.actor);
    if (appointment.status !== "confirmed" && appointment.status !== "pending_payment") {
      throw new AppError("conflict", "Only upcoming appointments can be cancelled.");
    }
    if (input.actor.role === "patient" && !input.waiveCancellationWindow) {
      const rule = patientChangeAllowed({ ...appointment, bookedAt: appointment.createdAt }, now, settings);
      if (!rule.allowed) throw new AppError("conflict", rule.reason);
    }
    const cancelled = await transitionAppointment(tx, {
      id: appointment.id,
      from: [appointment.status],
      to: "cancelled",
      actor: input.actor,
      note: input.reason,
      cancellation: { reason: input.reason, at: now },
    });
    if (!cancelled) throw new AppError("conflict");
    money = {
      ...noFollowUp(),
      ...(await settleCancelledPayment(tx, {
        appointmentId: appointment.id,
        startsAt: appointment.startsAt,
        bookedAt: graceStartOf({ ...appointment, bookedAt: appointment.createdAt }),
        actor: input.actor,
        now,
        policy: settings,
        toWallet: input.actor.role === "patient" && input.refundTo === "wallet",
      })),
    };
    await insertAuditEntry(tx, {
      actorId: input.actor.id,
      actorRole: input.actor.role,
      action: "appointment.cancelled",
      entityType: "appointment",
      entityId: appointment.id,
      before: snapshot(appointment),
      after: snapshot(cancelled),
    });
    await enqueueOutboxEvent(tx, "appointment/cancelled", { appointmentId: appointment.id, cancelledBy: input.actor.role, reason: input.reason });
    return cancelled;
  });
  await runPaymentFollowUp(db, money);
  return result;
}

/**
 * Moves an appointment to a new slot in one transaction: the old one is
 * released and the new one claimed together, so if the new slot is taken the
 * old appointment stays exactly as it was.
 */
export async function rescheduleAppointment(db: Db, input: { appointmentId: string; actor: Actor; newStartsAt: Date }, now: Date): Promise<Appointment> {
  const settings = await getAppSettings(db);
  let sessionsToClose: string[] = [];
  const result = await bookingTransaction(db, input.actor.role === "patient" ? "patient" : "staff", async (tx) => {
    const old = await lockOwned(tx, input.appointmentId, input.actor);
    if (old.status !== "confirmed") throw new AppError("conflict", "Only confirmed appointments can be rescheduled.");
    if (input.actor.role === "patient") {
      const rule = patientChangeAllowed({ ...old, bookedAt: old.createdAt }, now, settings);
      if (!rule.allowed) throw new AppError("conflict", rule.reason);
    }
    const doctor = await getBookableDoctor(tx, old.doctorId);
    if (!doctor) throw new AppError("not_found");
    // A patient may only move into time the doctor still offers; doctors and admins may move their own.
    const closed = input.actor.role === "patient" ? bookingClosedReason(doctor) : null;
    if (closed) throw new AppError("conflict", closed);
    await lockDoctorSchedule(tx, old.doctorId);
    await lockPatientBookings(tx, old.patientId);
    sessionsToClose = await releaseExpiredHolds(tx, { doctorId: old.doctorId, patientId: old.patientId, now });
    // The caps bind the patient's own moves; the appointment being moved is not counted, so a patient at the cap may still move a visit.
    if (input.actor.role === "patient")
      await assertWithinBookingCaps(tx, { patientId: old.patientId, doctorId: old.doctorId, now, exceptAppointmentId: old.id }, settings);
    const slotInput = await loadSlotInput(tx, doctor, {
      viewerTimeZone: doctor.timeZone,
      now,
      from: input.newStartsAt,
      to: new Date(input.newStartsAt.getTime() + 1),
      excludeAppointmentId: old.id,
    });
    if (!isSlotOffered(slotInput, input.newStartsAt)) throw new AppError("slot_taken", SLOT_NOT_OFFERED);

    const released = await transitionAppointment(tx, {
      id: old.id,
      from: ["confirmed"],
      to: "cancelled",
      actor: input.actor,
      note: "Rescheduled",
      cancellation: { reason: "Rescheduled", at: now },
    });
    if (!released) throw new AppError("conflict");
    const moved = await insertAppointment(tx, {
      doctorId: old.doctorId,
      patientId: old.patientId,
      startsAt: input.newStartsAt,
      // The engine offered a slot of the doctor's current length, so that is the length booked.
      endsAt: new Date(input.newStartsAt.getTime() + doctor.slotMinutes * 60_000),
      status: "confirmed",
      reason: old.reason,
      priceMinor: old.priceMinor,
      currency: old.currency,
      rescheduledFromId: old.id,
    });
    // The money follows the visit: what was paid (or is due at the clinic) is for the new time.
    await movePaymentsToAppointment(tx, old.id, moved.id);
    await recordAppointmentEvent(tx, {
      appointmentId: moved.id,
      fromStatus: null,
      toStatus: "confirmed",
      actor: input.actor,
      note: "Rescheduled from an earlier time",
    });
    await insertAuditEntry(tx, {
      actorId: input.actor.id,
      actorRole: input.actor.role,
      action: "appointment.rescheduled",
      entityType: "appointment",
      entityId: moved.id,
      before: snapshot(old),
      after: snapshot(moved),
    });
    await enqueueOutboxEvent(tx, "appointment/rescheduled", {
      appointmentId: moved.id,
      previousAppointmentId: old.id,
      previousStartsAt: old.startsAt.toISOString(),
      startsAt: moved.startsAt.toISOString(),
    });
    return moved;
  });
  await closeCheckoutSessions(sessionsToClose);
  return result;
}

/** The doctor records how a visit went: completed, or a no-show once it has started. */
export async function recordVisitOutcome(
  db: Db,
  input: { appointmentId: string; actor: Actor; outcome: "completed" | "no_show" },
  now: Date,
): Promise<Appointment> {
  if (input.actor.role === "patient") throw new AppError("forbidden");
  return bookingTransaction(db, "staff", async (tx) => {
    const appointment = await lockOwned(tx, input.appointmentId, input.actor);
    if (appointment.status !== "confirmed") throw new AppError("conflict", "Only confirmed appointments can be marked completed or no-show.");
    const rule = input.outcome === "no_show" ? noShowAllowed(appointment.startsAt, now) : completionAllowed(appointment.startsAt, now);
    if (!rule.allowed) throw new AppError("conflict", rule.reason);
    const updated = await transitionAppointment(tx, { id: appointment.id, from: ["confirmed"], to: input.outcome, actor: input.actor });
    if (!updated) throw new AppError("conflict");
    await insertAuditEntry(tx, {
      actorId: input.actor.id,
      actorRole: input.actor.role,
      action: `appointment.${input.outcome}`,
      entityType: "appointment",
      entityId: appointment.id,
      before: snapshot(appointment),
      after: snapshot(updated),
    });
    return updated;
  });
}

function snapshot(appointment: Appointment) {
  return {
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    doctorId: appointment.doctorId,
    patientId: appointment.patientId,
    cancellationReason: appointment.cancellationReason,
  };
}
