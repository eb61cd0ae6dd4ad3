import "server-only";
import { and, eq, gt, lt, lte, ne, or } from "drizzle-orm";
import type { Db } from "../../client";
import { appointmentEvents, appointments } from "../../schema";

// Unpaid holds: appointments pending payment until hold_expires_at. The rules
// and their texts live in lib/payments/holds.ts; these are its queries.

/** Cancels the doctor's and the patient's unpaid holds whose time ran out, as the system, with `reason` on each and its history row. */
export async function cancelLapsedHolds(db: Db, input: { doctorId: string; patientId: string; now: Date; reason: string }) {
  const released = await db
    .update(appointments)
    .set({ status: "cancelled", cancelledBy: "system", cancellationReason: input.reason, cancelledAt: input.now })
    .where(
      and(
        eq(appointments.status, "pending_payment"),
        lte(appointments.holdExpiresAt, input.now),
        or(eq(appointments.doctorId, input.doctorId), eq(appointments.patientId, input.patientId)),
      ),
    )
    .returning({ id: appointments.id });
  if (released.length > 0) {
    await db.insert(appointmentEvents).values(
      released.map((row) => ({
        appointmentId: row.id,
        fromStatus: "pending_payment" as const,
        toStatus: "cancelled" as const,
        actorRole: "system" as const,
        note: input.reason,
      })),
    );
  }
  return released.length;
}

/** The patient's own unpaid holds, still running, that overlap [startsAt, endsAt). */
export function listActiveHoldsOfPatient(db: Db, input: { patientId: string; startsAt: Date; endsAt: Date; now: Date }) {
  return db
    .select({ id: appointments.id, status: appointments.status })
    .from(appointments)
    .where(
      and(
        eq(appointments.patientId, input.patientId),
        eq(appointments.status, "pending_payment"),
        gt(appointments.holdExpiresAt, input.now),
        lt(appointments.startsAt, input.endsAt),
        gt(appointments.endsAt, input.startsAt),
      ),
    );
}

/** Every hold whose time ran out, any doctor: for eager release by a background job. */
export function listLapsedHolds(db: Db, input: { now: Date; doctorId?: string }, limit = 100) {
  return db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.status, "pending_payment"),
        lte(appointments.holdExpiresAt, input.now),
        input.doctorId ? eq(appointments.doctorId, input.doctorId) : undefined,
      ),
    )
    .orderBy(appointments.holdExpiresAt)
    .limit(limit);
}

/** Whether another active appointment (of the doctor or the patient) overlaps this time: the re-claim check for a late payment. */
export async function hasOverlappingActiveAppointment(
  db: Db,
  input: { appointmentId: string; doctorId: string; patientId: string; startsAt: Date; endsAt: Date; now: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        ne(appointments.id, input.appointmentId),
        ne(appointments.status, "cancelled"),
        or(eq(appointments.doctorId, input.doctorId), eq(appointments.patientId, input.patientId)),
        lt(appointments.startsAt, input.endsAt),
        gt(appointments.endsAt, input.startsAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Puts a released hold back (compare-and-set): a late payment whose time is still free keeps its visit. */
export async function reinstateReleasedHold(db: Db, appointmentId: string): Promise<boolean> {
  const rows = await db
    .update(appointments)
    .set({ status: "confirmed", cancellationReason: null, cancelledBy: null, cancelledAt: null })
    .where(and(eq(appointments.id, appointmentId), eq(appointments.status, "cancelled"), eq(appointments.cancelledBy, "system")))
    .returning({ id: appointments.id });
  return rows.length > 0;
}
