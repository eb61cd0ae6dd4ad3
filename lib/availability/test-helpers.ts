// Test-only helpers: users of one's own with random emails, since every test
// file shares one database and runs in parallel with the others.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { insertUserWithProfile } from "@/db/queries/users";
import { appointments, auditLog, type AppointmentStatus } from "@/db/schema";

export async function createDoctor(db: Db, timeZone = "Europe/Berlin"): Promise<string> {
  const user = await insertUserWithProfile(db, {
    email: `doctor-${randomUUID()}@availability.test`,
    fullName: "Dr. Test Availability",
    passwordHash: "not-a-real-hash",
    role: "doctor",
    timeZone,
  });
  return user.id;
}

export async function createPatient(db: Db, fullName = "Pat Example"): Promise<string> {
  const user = await insertUserWithProfile(db, { email: `patient-${randomUUID()}@availability.test`, fullName, passwordHash: "not-a-real-hash", role: "patient" });
  return user.id;
}

export async function insertAppointment(
  db: Db,
  input: { doctorId: string; patientId: string; startsAt: string; endsAt: string; status?: AppointmentStatus },
): Promise<string> {
  const [row] = await db
    .insert(appointments)
    .values({
      doctorId: input.doctorId,
      patientId: input.patientId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      status: input.status ?? "confirmed",
      priceMinor: 5000,
      currency: "EUR",
    })
    .returning({ id: appointments.id });
  return row!.id;
}

export function auditRowsOf(db: Db, doctorId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, doctorId)).orderBy(auditLog.createdAt);
}
