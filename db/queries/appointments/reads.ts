import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../client";
import { appointmentEvents, appointments, consultationNotes, doctorProfiles, patientProfiles, specializations } from "../../schema";
import { doctorUser, patientUser } from "../parties";
import { doctorCaresFor } from "./care";
import { offsetOf, type PageRequest, type Paged } from "../paging";

type Status = (typeof appointments.$inferSelect)["status"];

/** The appointment a rescheduled one was moved to: the row whose rescheduled_from_id points back at it. */
const movedTo = alias(appointments, "moved_to");

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
  movedToId: movedTo.id,
  movedToStartsAt: movedTo.startsAt,
  // The grace period after booking (lib/booking/rules.ts) runs from these.
  bookedAt: appointments.createdAt,
  rescheduledFromId: appointments.rescheduledFromId,
};

function listQuery(db: Db, where: SQL | undefined) {
  return db
    .select(listColumns)
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .leftJoin(movedTo, eq(movedTo.rescheduledFromId, appointments.id))
    .where(where);
}

export type AppointmentListItem = Awaited<ReturnType<typeof listQuery>>[number];

async function pagedList(db: Db, where: SQL | undefined, order: SQL, paging: PageRequest): Promise<Paged<AppointmentListItem>> {
  const [rows, [{ total }]] = await Promise.all([
    listQuery(db, where).orderBy(order, asc(appointments.id)).limit(paging.pageSize).offset(offsetOf(paging)),
    db.select({ total: count() }).from(appointments).where(where),
  ]);
  return { rows, total };
}

/** Upcoming: not yet ended, soonest first. Past: ended or cancelled, newest first. One page of either, with the total. */
export function listAppointmentsForPatient(db: Db, patientId: string, scope: "upcoming" | "past", now: Date, paging: PageRequest) {
  const mine = eq(appointments.patientId, patientId);
  if (scope === "upcoming")
    return pagedList(db, and(mine, gte(appointments.endsAt, now), ne(appointments.status, "cancelled")), asc(appointments.startsAt), paging);
  return pagedList(db, and(mine, or(lt(appointments.endsAt, now), eq(appointments.status, "cancelled"))), desc(appointments.startsAt), paging);
}

export function listAppointmentsForDoctor(
  db: Db,
  doctorId: string,
  filter: { scope: "upcoming" | "past"; statuses?: Status[] },
  now: Date,
  paging: PageRequest,
) {
  const conditions = [eq(appointments.doctorId, doctorId), filter.scope === "upcoming" ? gte(appointments.endsAt, now) : lt(appointments.endsAt, now)];
  if (filter.statuses?.length) conditions.push(inArray(appointments.status, filter.statuses));
  const order = filter.scope === "upcoming" ? asc(appointments.startsAt) : desc(appointments.startsAt);
  return pagedList(db, and(...conditions), order, paging);
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
      clinicName: doctorProfiles.clinicName,
      clinicAddress: doctorProfiles.address,
      clinicCity: doctorProfiles.city,
      clinicLatitude: doctorProfiles.latitude,
      clinicLongitude: doctorProfiles.longitude,
    })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.patientId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .leftJoin(movedTo, eq(movedTo.rescheduledFromId, appointments.id))
    .where(eq(appointments.id, appointmentId));
  return row;
}

export function getAppointmentHistory(db: Db, appointmentId: string) {
  return db
    .select({
      id: appointmentEvents.id,
      fromStatus: appointmentEvents.fromStatus,
      toStatus: appointmentEvents.toStatus,
      actorRole: appointmentEvents.actorRole,
      note: appointmentEvents.note,
      at: appointmentEvents.createdAt,
    })
    .from(appointmentEvents)
    .where(eq(appointmentEvents.appointmentId, appointmentId))
    .orderBy(asc(appointmentEvents.createdAt));
}

export async function getConsultationNote(db: Db, appointmentId: string) {
  return db.query.consultationNotes.findFirst({ where: eq(consultationNotes.appointmentId, appointmentId) });
}

/** What this doctor has seen of this patient: only their own appointments and notes, and only while the patient is in their care. */
export function getPatientHistoryWithDoctor(db: Db, doctorId: string, patientId: string) {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      reason: appointments.reason,
      note: consultationNotes.body,
      summary: consultationNotes.patientSummary,
    })
    .from(appointments)
    .leftJoin(consultationNotes, eq(consultationNotes.appointmentId, appointments.id))
    .where(and(eq(appointments.doctorId, doctorId), eq(appointments.patientId, patientId), doctorCaresFor(doctorId, patientId)))
    .orderBy(desc(appointments.startsAt))
    .limit(50);
}

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
    .select({
      verificationStatus: doctorProfiles.verificationStatus,
      timeZone: doctorProfiles.timeZone,
      specialization: specializations.name,
      acceptingBookings: doctorProfiles.acceptingBookings,
    })
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

/**
 * The patient's active future appointments, before a booking is added: not yet
 * started, and confirmed or held for payment with time left on the hold; in
 * all and with this doctor. `exceptAppointmentId` leaves out the one being moved.
 */
export async function countActiveFutureAppointments(db: Db, input: { patientId: string; doctorId: string; now: Date; exceptAppointmentId?: string }) {
  // The one definition of "held" (migration 0027), shared with the booking's own read and write (db/queries/booking.ts).
  const [row] = await db.execute<{ total: number; with_doctor: number }>(
    sql`select total, with_doctor from careslot_patient_held_appointments(${input.patientId}, ${input.doctorId}, ${input.now.toISOString()}::timestamptz, ${input.exceptAppointmentId ?? null})`,
  );
  return { total: row?.total ?? 0, withDoctor: row?.with_doctor ?? 0 };
}

// For the background jobs that tell people about their appointments.

/** One appointment with both people, their addresses and the zones their emails are written in. */
export async function getAppointmentForNotice(db: Db, appointmentId: string) {
  const [row] = await db
    .select({
      id: appointments.id,
      status: appointments.status,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      reason: appointments.reason,
      priceMinor: appointments.priceMinor,
      currency: appointments.currency,
      holdExpiresAt: appointments.holdExpiresAt,
      cancellationReason: appointments.cancellationReason,
      cancelledBy: appointments.cancelledBy,
      rescheduledFromId: appointments.rescheduledFromId,
      createdAt: appointments.createdAt,
      doctorId: appointments.doctorId,
      doctorName: doctorUser.fullName,
      doctorEmail: doctorUser.email,
      doctorTimeZone: doctorProfiles.timeZone,
      clinicName: doctorProfiles.clinicName,
      address: doctorProfiles.address,
      city: doctorProfiles.city,
      specialization: specializations.name,
      patientId: appointments.patientId,
      patientName: patientUser.fullName,
      patientEmail: patientUser.email,
      patientTimeZone: sql<string>`coalesce(${patientProfiles.timeZone}, 'UTC')`,
    })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.patientId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .leftJoin(movedTo, eq(movedTo.rescheduledFromId, appointments.id))
    .where(eq(appointments.id, appointmentId));
  return row;
}

export type AppointmentNotice = NonNullable<Awaited<ReturnType<typeof getAppointmentForNotice>>>;

/**
 * The first appointment of a reschedule chain and how many moves led here:
 * calendar files use the first id as their UID, and the count as SEQUENCE, so
 * a calendar updates one entry instead of adding a second.
 */
export async function getRescheduleChain(db: Db, appointmentId: string): Promise<{ rootId: string; moves: number } | undefined> {
  const rows = await db.execute<{ root_id: string; moves: number }>(sql`
    with recursive chain(id, previous_id, moves) as (
      select id, rescheduled_from_id, 0 from appointments where id = ${appointmentId}
      union all
      select a.id, a.rescheduled_from_id, chain.moves + 1
      from appointments a join chain on a.id = chain.previous_id
      where chain.moves < 1000
    )
    select id as root_id, moves::int as moves from chain order by moves desc limit 1
  `);
  const [row] = rows;
  return row ? { rootId: row.root_id, moves: Number(row.moves) } : undefined;
}

/**
 * A slice of appointments for the REST API (lib/api): one patient's, one
 * doctor's or everyone's (an admin), by status and start time, soonest first.
 * Fetches `limit` rows from `offset`; the caller asks one more to know of a next page.
 */
export function listAppointmentsSlice(
  db: Db,
  filter: { patientId?: string; doctorId?: string; statuses?: Status[]; from?: Date; to?: Date },
  slice: { limit: number; offset: number },
) {
  const conditions: SQL[] = [];
  if (filter.patientId) conditions.push(eq(appointments.patientId, filter.patientId));
  if (filter.doctorId) conditions.push(eq(appointments.doctorId, filter.doctorId));
  if (filter.statuses?.length) conditions.push(inArray(appointments.status, filter.statuses));
  if (filter.from) conditions.push(gte(appointments.startsAt, filter.from));
  if (filter.to) conditions.push(lt(appointments.startsAt, filter.to));
  return listQuery(db, and(...conditions))
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(slice.limit)
    .offset(slice.offset);
}
