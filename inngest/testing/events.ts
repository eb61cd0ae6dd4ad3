// Event and email helpers for the function tests.
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emails } from "@/db/schema";
import type { ActorRole } from "@/lib/vocabulary";

type AppointmentLike = { id: string; doctorId: string; patientId: string; startsAt: Date };

/** The event the booking service writes to the outbox, as Inngest hands it to a function. */
export function bookedEvent(appointment: AppointmentLike, bookedAt?: Date) {
  return {
    name: "appointment/booked" as const,
    data: { appointmentId: appointment.id, doctorId: appointment.doctorId, patientId: appointment.patientId, startsAt: appointment.startsAt.toISOString() },
    ...(bookedAt ? { ts: bookedAt.getTime() } : {}),
  };
}

export function rescheduledEvent(moved: AppointmentLike & { rescheduledFromId: string | null }, previousStartsAt: Date, at?: Date) {
  return {
    name: "appointment/rescheduled" as const,
    data: {
      appointmentId: moved.id,
      previousAppointmentId: moved.rescheduledFromId!,
      previousStartsAt: previousStartsAt.toISOString(),
      startsAt: moved.startsAt.toISOString(),
    },
    ...(at ? { ts: at.getTime() } : {}),
  };
}

export function cancelledEvent(appointmentId: string, cancelledBy: ActorRole, reason: string) {
  return { name: "appointment/cancelled" as const, data: { appointmentId, cancelledBy, reason } };
}

/** Every email logged for one appointment, oldest first. */
export function emailsOf(db: Db, appointmentId: string) {
  return db.select().from(emails).where(eq(emails.appointmentId, appointmentId)).orderBy(asc(emails.createdAt), asc(emails.template));
}
