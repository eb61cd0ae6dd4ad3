// What the confirm-and-feedback journeys read and prepare straight in the e2e
// database: whether a destructive action happened (or, after Escape, did not).
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { appointments, availabilityOverrides, medicalRecords, refunds, specializations, users } from "../../db/schema";
import { db } from "./admin-data";

export async function userState(id: string): Promise<{ active: boolean; role: string }> {
  const [row] = await db().select({ active: users.active, role: users.role }).from(users).where(eq(users.id, id));
  return row!;
}

export async function appointmentStatus(id: string): Promise<string> {
  const [row] = await db().select({ status: appointments.status }).from(appointments).where(eq(appointments.id, id));
  return row!.status;
}

export async function refundCount(paymentId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(refunds).where(eq(refunds.paymentId, paymentId));
  return row!.n;
}

export async function recordCount(patientId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(medicalRecords).where(eq(medicalRecords.patientId, patientId));
  return row!.n;
}

export async function overrideCount(doctorId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(availabilityOverrides).where(eq(availabilityOverrides.doctorId, doctorId));
  return row!.n;
}

/** A closed day `days` ahead for the doctor; returns its ISO date. */
export async function createClosedOverride(doctorId: string, days: number): Promise<string> {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await db().insert(availabilityOverrides).values({ doctorId, date, closed: true });
  return date;
}

/** A specialization no doctor uses, so deleting it is allowed. */
export async function createSpecialization(): Promise<string> {
  const name = `Unused ${randomUUID().slice(0, 6)}`;
  await db()
    .insert(specializations)
    .values({ name, slug: name.toLowerCase().replace(/\W+/g, "-") });
  return name;
}

export async function specializationExists(name: string): Promise<boolean> {
  const [row] = await db().select({ n: count() }).from(specializations).where(eq(specializations.name, name));
  return row!.n > 0;
}
