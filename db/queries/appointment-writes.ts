import "server-only";
import { and, eq, inArray, lte, or } from "drizzle-orm";
import type { Db } from "../client";
import { appointmentEvents, appointments, type ActorRole } from "../schema";

type Status = (typeof appointments.$inferSelect)["status"];
type Actor = { id: string | null; role: ActorRole };

/** Whether the doctor or the patient has any unpaid hold at all: when not (the usual case), there is nothing to clean up. */
export async function hasPendingHolds(db: Db, input: { doctorId: string; patientId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.status, "pending_payment"), or(eq(appointments.doctorId, input.doctorId), eq(appointments.patientId, input.patientId))))
    .limit(1);
  return row !== undefined;
}

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
      released.map((row) => ({ appointmentId: row.id, fromStatus: "pending_payment" as const, toStatus: "cancelled" as const, actorRole: "system" as const, note: input.reason })),
    );
  }
  return released.length;
}

export async function insertAppointment(db: Db, values: typeof appointments.$inferInsert) {
  const [row] = await db.insert(appointments).values(values).returning();
  return row;
}

/** The row, locked until the transaction ends, so two changes to one appointment queue up. */
export async function lockAppointment(db: Db, id: string) {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id)).for("update");
  return row;
}

/** Compare-and-set: changes the status only if it is still one of `from`. */
export async function transitionAppointment(
  db: Db,
  input: { id: string; from: Status[]; to: Status; actor: Actor; note?: string; cancellation?: { reason: string; at: Date } },
) {
  const [row] = await db
    .update(appointments)
    .set({
      status: input.to,
      ...(input.cancellation ? { cancellationReason: input.cancellation.reason, cancelledBy: input.actor.role, cancelledAt: input.cancellation.at } : {}),
    })
    .where(and(eq(appointments.id, input.id), inArray(appointments.status, input.from)))
    .returning();
  if (!row) return undefined;
  await recordAppointmentEvent(db, { appointmentId: row.id, fromStatus: input.from.length === 1 ? input.from[0] : null, toStatus: input.to, actor: input.actor, note: input.note });
  return row;
}

export async function recordAppointmentEvent(db: Db, input: { appointmentId: string; fromStatus: Status | null; toStatus: Status; actor: Actor; note?: string }) {
  await db.insert(appointmentEvents).values({
    appointmentId: input.appointmentId,
    fromStatus: input.fromStatus,
    toStatus: input.toStatus,
    actorId: input.actor.id,
    actorRole: input.actor.role,
    note: input.note,
  });
}
