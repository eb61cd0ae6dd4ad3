import "server-only";
import type { Db } from "@/db/client";
import { lockAppointment } from "@/db/queries/appointments";
import { lockPaymentOfAppointment, type Payment, updatePayment } from "@/db/queries/payments";
import { insertAuditEntry } from "@/db/queries/audit";
import { AppError } from "@/lib/errors";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { assertDoctorInCare } from "@/lib/security/care";

/**
 * The doctor records that the fee due at the visit was paid at the clinic.
 * Only their own appointment, while the patient is in their care (a doctor
 * no longer verified or active is refused), only a fee still due, only once
 * the visit has started, audited in the same transaction. A card payment is never marked paid this way: only Stripe's
 * webhook does that.
 */
export async function markPaidAtClinic(db: Db, input: { appointmentId: string; doctorId: string }, now: Date): Promise<Payment> {
  return db.transaction(async (tx) => {
    const appointment = await lockAppointment(tx, input.appointmentId);
    if (!appointment || appointment.doctorId !== input.doctorId) throw new AppError("not_found", "We could not find that appointment.");
    await assertDoctorInCare(tx, { doctorId: input.doctorId, patientId: appointment.patientId });
    if (appointment.status !== "confirmed" && appointment.status !== "completed")
      throw new AppError("conflict", "Only a confirmed or completed visit can be marked paid.");
    // A fee is collected at the visit: marked paid earlier, a cancellation would owe a refund of money never taken.
    if (now < appointment.startsAt) throw new AppError("conflict", "This visit has not started yet. Mark the fee paid at the visit, once it has begun.");
    const payment = await lockPaymentOfAppointment(tx, appointment.id);
    if (!payment || payment.provider !== "clinic" || payment.status !== "due_at_visit")
      throw new AppError("conflict", "This visit has no fee due at the clinic.");
    const paid = await updatePayment(tx, payment.id, { status: "paid", paidAt: now });
    await insertAuditEntry(tx, {
      actorId: input.doctorId,
      actorRole: "doctor",
      action: "payment.marked_paid",
      entityType: "payment",
      entityId: payment.id,
      before: { status: payment.status },
      after: { status: paid.status, paidAt: now.toISOString(), amountMinor: paid.amountMinor, currency: paid.currency },
    });
    await enqueueOutboxEvent(tx, "payment/paid", { paymentId: paid.id, appointmentId: appointment.id });
    return paid;
  });
}
