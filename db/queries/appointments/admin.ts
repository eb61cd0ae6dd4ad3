import "server-only";
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../client";
import { appointments, doctorProfiles, payments, specializations } from "../../schema";
import { doctorUser, patientUser } from "../parties";
import { likePattern } from "../users";

type Status = (typeof appointments.$inferSelect)["status"];

export interface AdminAppointmentFilter {
  statuses?: Status[];
  doctor?: string;
  patient?: string;
  /** Instants bounding starts_at: [from, to). */
  from?: Date;
  to?: Date;
}

function person(
  columns: { fullName: typeof doctorUser.fullName | typeof patientUser.fullName; email: typeof doctorUser.email | typeof patientUser.email },
  text: string,
): SQL {
  const pattern = likePattern(text);
  return or(ilike(columns.fullName, pattern), ilike(columns.email, pattern))!;
}

function whereOf(filter: AdminAppointmentFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.statuses?.length) conditions.push(inArray(appointments.status, filter.statuses));
  if (filter.doctor) conditions.push(person(doctorUser, filter.doctor));
  if (filter.patient) conditions.push(person(patientUser, filter.patient));
  if (filter.from) conditions.push(gte(appointments.startsAt, filter.from));
  if (filter.to) conditions.push(lt(appointments.startsAt, filter.to));
  return conditions.length ? and(...conditions) : undefined;
}

const columns = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  reason: appointments.reason,
  priceMinor: appointments.priceMinor,
  currency: appointments.currency,
  cancellationReason: appointments.cancellationReason,
  cancelledBy: appointments.cancelledBy,
  createdAt: appointments.createdAt,
  doctorId: appointments.doctorId,
  doctorName: doctorUser.fullName,
  doctorEmail: doctorUser.email,
  doctorTimeZone: doctorProfiles.timeZone,
  specialization: specializations.name,
  patientId: appointments.patientId,
  patientName: patientUser.fullName,
  patientEmail: patientUser.email,
};

function baseQuery(db: Db, where: SQL | undefined) {
  return db
    .select(columns)
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(where);
}

export type AdminAppointmentRow = Awaited<ReturnType<typeof listAppointmentsForAdmin>>["rows"][number];

/** One page, newest start first, and the total that match. */
export async function listAppointmentsForAdmin(db: Db, filter: AdminAppointmentFilter, page: { page: number; pageSize: number }) {
  const where = whereOf(filter);
  const [rows, [{ total }]] = await Promise.all([
    baseQuery(db, where)
      .orderBy(desc(appointments.startsAt), asc(appointments.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ total: count() })
      .from(appointments)
      .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
      .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
      .where(where),
  ]);
  return { rows, total };
}

/**
 * The next chunk for the CSV export, in (starts_at, id) order after the given
 * cursor: keyset pagination, so a large export never loads everything at once
 * and never skips or repeats a row.
 */
export function listAppointmentsChunk(db: Db, filter: AdminAppointmentFilter, after: { startsAt: Date; id: string } | null, size: number) {
  const cursor = after
    ? or(gt(appointments.startsAt, after.startsAt), and(eq(appointments.startsAt, after.startsAt), gt(appointments.id, after.id)))
    : undefined;
  return baseQuery(db, and(whereOf(filter), cursor))
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(size);
}

export async function getAppointmentForAdmin(db: Db, appointmentId: string) {
  const [row] = await baseQuery(db, eq(appointments.id, appointmentId));
  if (!row) return undefined;
  const paymentRows = await db
    .select({
      id: payments.id,
      provider: payments.provider,
      status: payments.status,
      amountMinor: payments.amountMinor,
      refundedMinor: payments.refundedMinor,
      currency: payments.currency,
      paidAt: payments.paidAt,
    })
    .from(payments)
    .where(eq(payments.appointmentId, appointmentId))
    .orderBy(asc(payments.createdAt));
  // Where a rescheduled appointment went: the one moved from it.
  const [moved] = await db
    .select({ id: appointments.id, startsAt: appointments.startsAt })
    .from(appointments)
    .where(eq(appointments.rescheduledFromId, appointmentId));
  return { ...row, payments: paymentRows, movedToId: moved?.id ?? null, movedToStartsAt: moved?.startsAt ?? null };
}
