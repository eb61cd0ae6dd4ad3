import "server-only";
import { and, asc, eq, gte, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { appointments, doctorProfiles, patientProfiles, specializations, users } from "../schema";

const doctorUser = alias(users, "doctor_user");
const patientUser = alias(users, "patient_user");

export async function getPatientDashboard(db: Db, patientId: string, now: Date) {
  const profile = await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patientId) });
  const upcoming = await db
    .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status, doctorName: doctorUser.fullName, doctorId: doctorUser.id })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .where(and(eq(appointments.patientId, patientId), gte(appointments.endsAt, now), ne(appointments.status, "cancelled")))
    .orderBy(asc(appointments.startsAt))
    .limit(5);
  return { timeZone: profile?.timeZone ?? "UTC", upcoming };
}

export async function getDoctorDashboard(db: Db, doctorId: string, now: Date) {
  const [profile] = await db
    .select({ verificationStatus: doctorProfiles.verificationStatus, timeZone: doctorProfiles.timeZone, specialization: specializations.name, acceptingBookings: doctorProfiles.acceptingBookings })
    .from(doctorProfiles)
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(doctorProfiles.userId, doctorId));
  const upcoming = await db
    .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status, patientName: patientUser.fullName })
    .from(appointments)
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .where(and(eq(appointments.doctorId, doctorId), gte(appointments.endsAt, now), ne(appointments.status, "cancelled")))
    .orderBy(asc(appointments.startsAt))
    .limit(8);
  return { profile, upcoming };
}
