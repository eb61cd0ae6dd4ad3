import "server-only";
import { and, eq, exists, ne, sql, type Column, type SQL } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import type { Db } from "../../client";
import { appointments, doctorProfiles, users } from "../../schema";

// The one rule of a doctor's access to a patient's data (README → Security):
// the doctor's account is active and their profile verified, and they have a
// non-cancelled appointment (upcoming, completed or a no-show) with that
// patient. Every query that hands a patient's data to a doctor filters with
// these conditions; services ask lib/security/care.ts, which asks here.

/** An id as a value, or a column of the outer query (the condition is then correlated row by row). */
type Id = string | Column;

const careDoctor = alias(users, "care_doctor");
const careProfile = alias(doctorProfiles, "care_doctor_profile");
const careAppointment = alias(appointments, "care_appointment");
const qb = new QueryBuilder();

/** The appointment still ties its doctor to its patient: every status but cancelled. */
export function appointmentGivesCare(status: Column): SQL {
  return ne(status, "cancelled");
}

/** The doctor may see any patient's data at all: an active doctor account whose profile is verified. */
export function doctorInGoodStanding(doctorId: Id): SQL {
  return exists(
    qb
      .select({ one: sql`1` })
      .from(careDoctor)
      .innerJoin(careProfile, eq(careProfile.userId, careDoctor.id))
      .where(and(eq(careDoctor.id, doctorId), eq(careDoctor.role, "doctor"), eq(careDoctor.active, true), eq(careProfile.verificationStatus, "verified"))),
  );
}

/** The rule itself: the doctor is in good standing and has an appointment with the patient that gives care. */
export function doctorCaresFor(doctorId: Id, patientId: Id): SQL {
  const appointment = qb
    .select({ one: sql`1` })
    .from(careAppointment)
    .where(and(eq(careAppointment.doctorId, doctorId), eq(careAppointment.patientId, patientId), appointmentGivesCare(careAppointment.status)));
  return and(doctorInGoodStanding(doctorId), exists(appointment))!;
}

/** The rule for one doctor and one patient, asked on its own (the services' check). */
export async function isDoctorCaringFor(db: Db, doctorId: string, patientId: string): Promise<boolean> {
  const [row] = await db.execute<{ cares: boolean }>(sql`select ${doctorCaresFor(doctorId, patientId)} as cares`);
  return row?.cares === true;
}
