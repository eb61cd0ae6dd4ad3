import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, ne, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { appointmentEvents, appointments, consultationNotes, doctorProfiles, patientProfiles, specializations, users } from "../schema";

const doctorUser = alias(users, "doctor_user");
const patientUser = alias(users, "patient_user");
type Status = (typeof appointments.$inferSelect)["status"];

const listColumns = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  reason: appointments.reason,
  cancellationReason: appointments.cancellationReason,
  priceMinor: appointments.priceMinor,
  currency: appointments.currency,
  doctorId: appointments.doctorId,
  doctorName: doctorUser.fullName,
  doctorTimeZone: doctorProfiles.timeZone,
  patientId: appointments.patientId,
  patientName: patientUser.fullName,
};

function listQuery(db: Db, where: SQL | undefined) {
  return db
    .select(listColumns)
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .where(where);
}

export type AppointmentListItem = Awaited<ReturnType<typeof listAppointmentsForPatient>>[number];

/** Upcoming: not yet ended, soonest first. Past: ended or cancelled, newest first. */
export function listAppointmentsForPatient(db: Db, patientId: string, scope: "upcoming" | "past", now: Date) {
  const mine = eq(appointments.patientId, patientId);
  if (scope === "upcoming") {
    return listQuery(db, and(mine, gte(appointments.endsAt, now), ne(appointments.status, "cancelled"))).orderBy(asc(appointments.startsAt)).limit(100);
  }
  return listQuery(db, and(mine, or(lt(appointments.endsAt, now), eq(appointments.status, "cancelled")))).orderBy(desc(appointments.startsAt)).limit(100);
}

export function listAppointmentsForDoctor(db: Db, doctorId: string, filter: { scope: "upcoming" | "past"; statuses?: Status[] }, now: Date) {
  const conditions = [eq(appointments.doctorId, doctorId), filter.scope === "upcoming" ? gte(appointments.endsAt, now) : lt(appointments.endsAt, now)];
  if (filter.statuses?.length) conditions.push(inArray(appointments.status, filter.statuses));
  const order = filter.scope === "upcoming" ? asc(appointments.startsAt) : desc(appointments.startsAt);
  return listQuery(db, and(...conditions)).orderBy(order).limit(200);
}

/** One appointment with both names and the zones to show it in. Callers check ownership. */
export async function getAppointmentDetail(db: Db, appointmentId: string) {
  const [row] = await db
    .select({
      ...listColumns,
      specialization: specializations.name,
      patientTimeZone: patientProfiles.timeZone,
      patientEmail: patientUser.email,
      patientPhone: patientProfiles.phone,
      createdAt: appointments.createdAt,
    })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.patientId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(appointments.id, appointmentId));
  return row;
}

export function getAppointmentHistory(db: Db, appointmentId: string) {
  return db
    .select({ id: appointmentEvents.id, fromStatus: appointmentEvents.fromStatus, toStatus: appointmentEvents.toStatus, actorRole: appointmentEvents.actorRole, note: appointmentEvents.note, at: appointmentEvents.createdAt })
    .from(appointmentEvents)
    .where(eq(appointmentEvents.appointmentId, appointmentId))
    .orderBy(asc(appointmentEvents.createdAt));
}

export async function getConsultationNote(db: Db, appointmentId: string) {
  return db.query.consultationNotes.findFirst({ where: eq(consultationNotes.appointmentId, appointmentId) });
}

/** What this doctor has seen of this patient: only their own appointments and notes. */
export function getPatientHistoryWithDoctor(db: Db, doctorId: string, patientId: string) {
  return db
    .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status, reason: appointments.reason, note: consultationNotes.body, summary: consultationNotes.patientSummary })
    .from(appointments)
    .leftJoin(consultationNotes, eq(consultationNotes.appointmentId, appointments.id))
    .where(and(eq(appointments.doctorId, doctorId), eq(appointments.patientId, patientId)))
    .orderBy(desc(appointments.startsAt))
    .limit(50);
}

/** The doctor's own zone, which their portal shows times in. */
export async function getDoctorTimeZone(db: Db, doctorId: string): Promise<string> {
  const row = await db.query.doctorProfiles.findFirst({ where: eq(doctorProfiles.userId, doctorId), columns: { timeZone: true } });
  return row?.timeZone ?? "UTC";
}

export async function getPatientTimeZone(db: Db, patientId: string): Promise<string | undefined> {
  const row = await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patientId), columns: { timeZone: true } });
  return row?.timeZone;
}

export function listBookableDoctors(db: Db) {
  return db
    .select({ id: users.id, fullName: users.fullName, specialization: specializations.name, city: doctorProfiles.city, priceMinor: doctorProfiles.priceMinor, currency: doctorProfiles.currency })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(and(eq(doctorProfiles.verificationStatus, "verified"), eq(users.active, true)))
    .orderBy(asc(users.fullName));
}
