import "server-only";
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../client";
import { offsetOf, type PageRequest } from "../paging";
import { appointments, doctorProfiles, patientProfiles, payments, users, type PaymentStatus } from "../../schema";
import { doctorUser, patientUser } from "../parties";
import { listRefundsOfPayments } from "./refunds";
import type { Payment } from "./writes";

// Payment lists and views for the pages and the receipt email; writes and webhook bookkeeping live in writes.ts, refunds in refunds.ts.

const listColumns = {
  id: payments.id,
  appointmentId: payments.appointmentId,
  provider: payments.provider,
  status: payments.status,
  amountMinor: payments.amountMinor,
  refundedMinor: payments.refundedMinor,
  currency: payments.currency,
  paidAt: payments.paidAt,
  createdAt: payments.createdAt,
  stripeCheckoutSessionId: payments.stripeCheckoutSessionId,
  stripePaymentIntentId: payments.stripePaymentIntentId,
  doctorId: payments.doctorId,
  doctorName: doctorUser.fullName,
  patientId: payments.patientId,
  patientName: patientUser.fullName,
  patientEmail: patientUser.email,
  appointmentStartsAt: appointments.startsAt,
  appointmentStatus: appointments.status,
  /** The visit's price, which the payment should match (a checkout that did not is refunded: lib/payments/webhook.ts). */
  visitPriceMinor: appointments.priceMinor,
  visitCurrency: appointments.currency,
  doctorTimeZone: doctorProfiles.timeZone,
};

function paymentList(db: Db, where: SQL | undefined) {
  return db
    .select(listColumns)
    .from(payments)
    .innerJoin(appointments, eq(appointments.id, payments.appointmentId))
    .innerJoin(doctorUser, eq(doctorUser.id, payments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, payments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, payments.doctorId))
    .where(where);
}

/** One page of the payments matching `where` in the given order, and how many match. */
async function paymentPage(db: Db, where: SQL | undefined, order: SQL[], paging: PageRequest) {
  const [rows, [{ total }]] = await Promise.all([
    paymentList(db, where)
      .orderBy(...order)
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(payments)
      .innerJoin(appointments, eq(appointments.id, payments.appointmentId))
      .where(where),
  ]);
  return { rows, total };
}

export type PaymentListItem = Awaited<ReturnType<typeof listPaymentsForPatient>>["rows"][number];

/** One page of the patient's payments, newest first, and how many there are. */
export async function listPaymentsForPatient(db: Db, patientId: string, paging: PageRequest) {
  return paymentPage(db, eq(payments.patientId, patientId), [desc(payments.createdAt), desc(payments.id)], paging);
}

/** One payment with names and the appointment; callers check who may see it. */
export async function getPaymentDetail(db: Db, paymentId: string) {
  const [row] = await paymentList(db, eq(payments.id, paymentId));
  return row;
}

/** The newest payment of each of these appointments, for status badges in lists. */
export async function paymentsOfAppointments(db: Db, appointmentIds: string[]) {
  if (appointmentIds.length === 0) return new Map<string, Payment>();
  const rows = await db.select().from(payments).where(inArray(payments.appointmentId, appointmentIds)).orderBy(payments.createdAt);
  return new Map(rows.map((row) => [row.appointmentId, row]));
}

export async function getPaymentOfAppointment(db: Db, appointmentId: string): Promise<Payment | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.appointmentId, appointmentId)).orderBy(desc(payments.createdAt)).limit(1);
  return row;
}

/**
 * A doctor's money by month of the visit (in the doctor's zone) and currency:
 * received, refunded, and still due at the clinic for visits not cancelled.
 */
export async function doctorEarningsByMonth(db: Db, doctorId: string, timeZone: string) {
  const month = sql<string>`to_char(${appointments.startsAt} at time zone ${timeZone}, 'YYYY-MM')`;
  const received = sql`${payments.status} in ('paid', 'partially_refunded', 'refunded')`;
  const rows = await db
    .select({
      month,
      currency: payments.currency,
      paidMinor: sql<string>`coalesce(sum(${payments.amountMinor}) filter (where ${received}), 0)`,
      refundedMinor: sql<string>`coalesce(sum(${payments.refundedMinor}) filter (where ${received}), 0)`,
      dueMinor: sql<string>`coalesce(sum(${payments.amountMinor}) filter (where ${payments.status} = 'due_at_visit' and ${appointments.status} in ('confirmed', 'completed')), 0)`,
    })
    .from(payments)
    .innerJoin(appointments, eq(appointments.id, payments.appointmentId))
    .where(eq(payments.doctorId, doctorId))
    // By position: the zone is a bound parameter, so PostgreSQL would not see two spellings of the month as one expression.
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1 desc`, sql`2`);
  return rows.map((row) => ({
    month: row.month,
    currency: row.currency,
    paidMinor: Number(row.paidMinor),
    refundedMinor: Number(row.refundedMinor),
    dueMinor: Number(row.dueMinor),
  }));
}

/** One page of the visits whose fee is collected at the clinic and not yet marked paid, soonest first, and how many there are. */
export async function listDueAtVisitForDoctor(db: Db, doctorId: string, paging: PageRequest) {
  const due = and(eq(payments.doctorId, doctorId), eq(payments.status, "due_at_visit"), inArray(appointments.status, ["confirmed", "completed"]));
  return paymentPage(db, due, [sql`${appointments.startsAt}`, sql`${payments.id}`], paging);
}

export interface AdminPaymentFilter {
  status?: PaymentStatus;
  doctorId?: string;
  /** Inclusive UTC instants on the payment's creation time. */
  from?: Date;
  to?: Date;
}

function adminPaymentWhere(filter: AdminPaymentFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(payments.status, filter.status));
  if (filter.doctorId) conditions.push(eq(payments.doctorId, filter.doctorId));
  if (filter.from) conditions.push(gte(payments.createdAt, filter.from));
  if (filter.to) conditions.push(lt(payments.createdAt, filter.to));
  return conditions.length ? and(...conditions) : undefined;
}

/** The payments matching the admin's filter, newest first, up to `limit` (the CSV export). */
export function listPaymentsForAdmin(db: Db, filter: AdminPaymentFilter, limit = 200) {
  return paymentList(db, adminPaymentWhere(filter)).orderBy(desc(payments.createdAt), desc(payments.id)).limit(limit);
}

/** One page of the payments matching the admin's filter, newest first, and how many match. */
export async function pagePaymentsForAdmin(db: Db, filter: AdminPaymentFilter, paging: PageRequest) {
  return paymentPage(db, adminPaymentWhere(filter), [desc(payments.createdAt), desc(payments.id)], paging);
}

/** Doctors who have any payment, for the admin filter. */
export function listDoctorsWithPayments(db: Db) {
  return db.selectDistinct({ id: users.id, fullName: users.fullName }).from(payments).innerJoin(users, eq(users.id, payments.doctorId)).orderBy(users.fullName);
}

/** What a Checkout Session is made from: the appointment, its payment, the doctor's name and zone, the patient's email. */
export async function getCheckoutSubject(db: Db, appointmentId: string) {
  const [row] = await db
    .select({
      appointmentId: appointments.id,
      patientId: appointments.patientId,
      status: appointments.status,
      startsAt: appointments.startsAt,
      holdExpiresAt: appointments.holdExpiresAt,
      doctorName: doctorUser.fullName,
      doctorTimeZone: doctorProfiles.timeZone,
      patientEmail: patientUser.email,
    })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .where(eq(appointments.id, appointmentId));
  if (!row) return undefined;
  return { ...row, payment: await getPaymentOfAppointment(db, appointmentId) };
}

/** The payment side of one appointment, for its page: hold, who cancelled, the payment and its refunds. */
export async function getAppointmentPaymentView(db: Db, appointmentId: string) {
  const [appointment] = await db
    .select({ holdExpiresAt: appointments.holdExpiresAt, cancelledBy: appointments.cancelledBy })
    .from(appointments)
    .where(eq(appointments.id, appointmentId));
  const payment = await getPaymentOfAppointment(db, appointmentId);
  const refundRows = payment ? await listRefundsOfPayments(db, [payment.id]) : [];
  return { holdExpiresAt: appointment?.holdExpiresAt ?? null, cancelledBy: appointment?.cancelledBy ?? null, payment, refunds: refundRows };
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
