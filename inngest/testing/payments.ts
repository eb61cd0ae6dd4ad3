// Payment rows written straight to the tables, for the receipt and refund tests.
import type { Db } from "@/db/client";
import { payments, refunds } from "@/db/schema";

type AppointmentLike = { id: string; doctorId: string; patientId: string; priceMinor: number; currency: string };

export async function insertPayment(db: Db, appointment: AppointmentLike, values: Partial<typeof payments.$inferInsert> = {}) {
  const [row] = await db
    .insert(payments)
    .values({
      appointmentId: appointment.id,
      patientId: appointment.patientId,
      doctorId: appointment.doctorId,
      provider: "stripe",
      status: "paid",
      amountMinor: appointment.priceMinor,
      currency: appointment.currency,
      paidAt: new Date("2030-03-04T08:30:00Z"),
      ...values,
    })
    .returning();
  return row;
}

export async function insertRefund(db: Db, paymentId: string, values: Partial<typeof refunds.$inferInsert> & { amountMinor: number }) {
  const [row] = await db
    .insert(refunds)
    .values({ paymentId, kind: "cancellation", reason: "Cancelled by the clinic", status: "succeeded", requestedByRole: "system", ...values })
    .returning();
  return row;
}
