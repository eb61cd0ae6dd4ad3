import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../client";
import { appointmentEvents, appointments, consultationNotes, type ActorRole } from "../../schema";

type Status = (typeof appointments.$inferSelect)["status"];
type Actor = { id: string | null; role: ActorRole };

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
  await recordAppointmentEvent(db, {
    appointmentId: row.id,
    fromStatus: input.from.length === 1 ? input.from[0] : null,
    toStatus: input.to,
    actor: input.actor,
    note: input.note,
  });
  return row;
}

export async function recordAppointmentEvent(
  db: Db,
  input: { appointmentId: string; fromStatus: Status | null; toStatus: Status; actor: Actor; note?: string },
) {
  await db.insert(appointmentEvents).values({
    appointmentId: input.appointmentId,
    fromStatus: input.fromStatus,
    toStatus: input.toStatus,
    actorId: input.actor.id,
    actorRole: input.actor.role,
    note: input.note,
  });
}

export async function upsertConsultationNote(db: Db, input: { appointmentId: string; doctorId: string; body: string; patientSummary: string | null }) {
  const [row] = await db
    .insert(consultationNotes)
    .values(input)
    .onConflictDoUpdate({ target: consultationNotes.appointmentId, set: { body: input.body, patientSummary: input.patientSummary, updatedAt: new Date() } })
    .returning();
  return row;
}
