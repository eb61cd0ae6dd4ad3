import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { patientProfiles, users } from "../schema";

/** A user's name and sign-in address, as an admin corrects them. */
export async function updateUserIdentity(tx: Db, userId: string, values: { fullName: string; email: string }): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, userId));
}

/** The phone number on a patient's profile (the profile row exists for every patient). */
export async function getPatientPhone(db: Db, patientId: string): Promise<string | null> {
  const [row] = await db.select({ phone: patientProfiles.phone }).from(patientProfiles).where(eq(patientProfiles.userId, patientId));
  return row?.phone ?? null;
}

export async function setPatientPhone(tx: Db, patientId: string, phone: string | null): Promise<void> {
  await tx.update(patientProfiles).set({ phone }).where(eq(patientProfiles.userId, patientId));
}
