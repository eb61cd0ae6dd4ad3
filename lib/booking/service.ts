import "server-only";
import type { Db } from "@/db/client";
import { countActiveFutureAppointments, insertAppointment, lockAppointment, recordAppointmentEvent, transitionAppointment } from "@/db/queries/appointments";
import { getBookableDoctor } from "@/db/queries/profiles";
import { movePaymentsToAppointment } from "@/db/queries/payments";
import { insertAuditEntry } from "@/db/queries/audit";
import { getAppSettings } from "@/db/queries/settings";
import { lockDoctorSchedule, lockPatientBookings } from "@/db/transactions";
import { AppError } from "@/lib/errors";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { isSlotOffered } from "@/lib/scheduling";
import { noFollowUp, runPaymentFollowUp } from "@/lib/payments/follow-up";
import { closeCheckoutSessions, releaseExpiredHolds } from "@/lib/payments/holds";
import { settleCancelledPayment } from "@/lib/payments/refunds";
import { SLOT_NOT_OFFERED, appointmentSnapshot, bookingTransaction } from "./booking-errors";
import { bookingCapAllows, completionAllowed, graceStartOf, noShowAllowed, patientChangeAllowed, type BookingCaps } from "./rules";
import { bookingClosedReason, loadSlotInput } from "./slot-input";
import type { Actor } from "@/lib/vocabulary";

type Appointment = NonNullable<Awaited<ReturnType<typeof lockAppointment>>>;

export { bookAppointment, type BookInput, type StaffActor } from "./book";

/** Refuses a booking that would take the patient past a cap; counted after their own lapsed or replaced holds were released. */
async function assertWithinBookingCaps(
  tx: Db,
  input: { patientId: string; doctorId: string; now: Date; exceptAppointmentId?: string },
  caps: BookingCaps,
): Promise<void> {
  const rule = bookingCapAllows(await countActiveFutureAppointments(tx, input), caps);
  if (!rule.allowed) throw new AppError("conflict", rule.reason);
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
      before: appointmentSnapshot(appointment),
      after: appointmentSnapshot(cancelled),
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
      before: appointmentSnapshot(old),
      after: appointmentSnapshot(moved),
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
      before: appointmentSnapshot(appointment),
      after: appointmentSnapshot(updated),
    });
    return updated;
  });
}
