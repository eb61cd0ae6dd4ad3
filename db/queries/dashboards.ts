import "server-only";
import { and, asc, count, eq, gte, ne, sql } from "drizzle-orm";
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

export async function getAdminCounts(db: Db) {
  const [row] = await db
    .select({
      patients: sql<number>`count(*) filter (where ${users.role} = 'patient')`.mapWith(Number),
      doctors: sql<number>`count(*) filter (where ${users.role} = 'doctor')`.mapWith(Number),
      admins: sql<number>`count(*) filter (where ${users.role} = 'admin')`.mapWith(Number),
    })
    .from(users);
  const [doctorsByStatus] = await db
    .select({
      verified: sql<number>`count(*) filter (where ${doctorProfiles.verificationStatus} = 'verified')`.mapWith(Number),
      pending: sql<number>`count(*) filter (where ${doctorProfiles.verificationStatus} = 'pending')`.mapWith(Number),
    })
    .from(doctorProfiles);
  const [appointmentCount] = await db.select({ total: count() }).from(appointments);
  return { ...row, ...doctorsByStatus, appointments: appointmentCount.total };
}
