// Builders shared by the admin and records tests. Every row is new and
// randomly named, so files running in parallel on one database never meet.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, reviews, users } from "@/db/schema";
import { createSession, touchSession } from "@/db/queries/users";
import { createAdmin, createPatient, insertAppointmentRow } from "@/tests/factories";

export const NOW = new Date("2030-03-04T08:00:00Z");
export const LATER = new Date("2030-03-04T08:01:00Z");

/** A fresh admin as the services see the acting user. */
export async function adminActor(db: Db): Promise<{ id: string; role: "admin" }> {
  const admin = await createAdmin(db);
  return { id: admin.id, role: "admin" };
}

export async function userRow(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Audit rows about one entity, oldest first. */
export function auditRowsFor(db: Db, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.createdAt);
}

/** A session last seen at NOW and valid for 12 hours after it. */
export async function sessionAt(db: Db, userId: string): Promise<string> {
  const sid = await createSession(db, userId, new Date(NOW.getTime() + 12 * 3_600_000));
  await touchSession(db, sid, NOW);
  return sid;
}

/** Promise.withResolvers for Node 20. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let reviewSlot = 0;

/** A visible review of `doctorId` on a completed visit of a fresh patient. */
export async function createReview(db: Db, doctorId: string, rating: number, body = "A careful and kind consultation.") {
  const patient = await createPatient(db);
  // Each review gets its own past hour, so the doctor's no-overlap rule never trips.
  const startsAt = new Date(Date.UTC(2029, 0, 1, 0, 0) + reviewSlot++ * 3_600_000 + Math.floor(Math.random() * 1e6) * 3_600_000);
  const appointment = await insertAppointmentRow(db, { doctorId, patientId: patient.id, startsAt, status: "completed" });
  const [review] = await db.insert(reviews).values({ appointmentId: appointment.id, doctorId, patientId: patient.id, rating, body }).returning();
  return { review, patientId: patient.id };
}

class Rollback extends Error {}

/**
 * Runs `work` in a transaction that is always rolled back: for changes to the
 * one shared app_settings row, which parallel test files must never see.
 */
export async function inRolledBackTransaction(db: Db, work: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await work(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}
