import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { appointments, doctorProfiles, emails, patientProfiles, payments, refunds, specializations, users } from "../schema";

// Reads for the background jobs that tell people about their appointments.

const doctorUser = alias(users, "doctor_user");
const patientUser = alias(users, "patient_user");

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

/** Whether this kind of email already went out (or into the mailbox) for the appointment. */
export async function hasSentEmail(db: Db, input: { appointmentId: string; template: string; toAddress?: string }): Promise<boolean> {
  const conditions = [eq(emails.appointmentId, input.appointmentId), eq(emails.template, input.template), inArray(emails.status, ["sent", "stored"])];
  if (input.toAddress) conditions.push(eq(emails.toAddress, input.toAddress));
  const [row] = await db.select({ id: emails.id }).from(emails).where(and(...conditions)).limit(1);
  return Boolean(row);
}

/** A payment with what its receipt needs: amounts, the visit and the patient's zone. */
export async function getPaymentForReceipt(db: Db, paymentId: string) {
  const [row] = await db
    .select({
      id: payments.id,
      appointmentId: payments.appointmentId,
      status: payments.status,
      provider: payments.provider,
      amountMinor: payments.amountMinor,
      refundedMinor: payments.refundedMinor,
      currency: payments.currency,
      paidAt: payments.paidAt,
      startsAt: appointments.startsAt,
      doctorId: payments.doctorId,
      doctorName: doctorUser.fullName,
      patientId: payments.patientId,
      patientName: patientUser.fullName,
      patientEmail: patientUser.email,
      patientTimeZone: sql<string>`coalesce(${patientProfiles.timeZone}, 'UTC')`,
    })
    .from(payments)
    .innerJoin(appointments, eq(appointments.id, payments.appointmentId))
    .innerJoin(doctorUser, eq(doctorUser.id, payments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, payments.patientId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, payments.patientId))
    .where(eq(payments.id, paymentId));
  return row;
}

export async function getRefund(db: Db, refundId: string) {
  const [row] = await db
    .select({ id: refunds.id, paymentId: refunds.paymentId, amountMinor: refunds.amountMinor, reason: refunds.reason, status: refunds.status })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  return row;
}

/** The doctor a report or verification email goes to. */
export async function getDoctorContact(db: Db, doctorId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.fullName, email: users.email, active: users.active, timeZone: doctorProfiles.timeZone, verificationStatus: doctorProfiles.verificationStatus })
    .from(users)
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, users.id))
    .where(eq(users.id, doctorId));
  return row;
}
