import "server-only";
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { reports, users } from "../schema";

// Monthly report figures, computed by SQL aggregates. A doctor's month and
// weekdays are those of the doctor's own time zone; the system-wide report
// uses UTC. `month` is always the first day of the month ("2030-03-01").

type Scope = "doctor" | "system";

/** One row per doctor (or one for the system) with the instants its month starts and ends. */
function bounds(scope: Scope, month: string): SQL {
  if (scope === "system") {
    return sql`select null::uuid as doctor_id, 'UTC'::text as time_zone,
      (${month}::date)::timestamp at time zone 'UTC' as starts,
      (${month}::date + interval '1 month')::timestamp at time zone 'UTC' as ends`;
  }
  return sql`select d.user_id as doctor_id, d.time_zone,
    (${month}::date)::timestamp at time zone d.time_zone as starts,
    (${month}::date + interval '1 month')::timestamp at time zone d.time_zone as ends
    from doctor_profiles d`;
}

const sameDoctor = (scope: Scope, column: SQL) => (scope === "doctor" ? sql`${column} = b.doctor_id and` : sql``);

export type AppointmentAggregate = {
  doctor_id: string | null;
  time_zone: string;
  total: number;
  pending_payment: number;
  confirmed: number;
  completed: number;
  cancelled: number;
  no_show: number;
  rescheduled: number;
  patients: number;
  doctors: number;
};

/**
 * Appointments by status. A visit moved to another time is counted once, at
 * its final time; the cancelled row a reschedule leaves behind counts as
 * "rescheduled", not as a cancellation.
 */
export async function aggregateAppointments(db: Db, scope: Scope, month: string): Promise<AppointmentAggregate[]> {
  return db.execute<AppointmentAggregate>(sql`
    with b as (${bounds(scope, month)})
    select b.doctor_id, b.time_zone,
      count(*) filter (where moved.id is null)::int as total,
      count(*) filter (where a.status = 'pending_payment')::int as pending_payment,
      count(*) filter (where a.status = 'confirmed')::int as confirmed,
      count(*) filter (where a.status = 'completed')::int as completed,
      count(*) filter (where a.status = 'cancelled' and moved.id is null)::int as cancelled,
      count(*) filter (where a.status = 'no_show')::int as no_show,
      count(*) filter (where moved.id is not null)::int as rescheduled,
      count(distinct a.patient_id) filter (where moved.id is null)::int as patients,
      count(distinct a.doctor_id) filter (where moved.id is null)::int as doctors
    from b
    join appointments a on ${sameDoctor(scope, sql`a.doctor_id`)} a.starts_at >= b.starts and a.starts_at < b.ends
    left join appointments moved on moved.rescheduled_from_id = a.id
    group by b.doctor_id, b.time_zone
  `) as unknown as Promise<AppointmentAggregate[]>;
}

/** Visits that were not cancelled, per ISO weekday (1 = Monday) in the report's zone. */
export async function aggregateWeekdays(db: Db, scope: Scope, month: string): Promise<{ doctor_id: string | null; weekday: number; appointments: number }[]> {
  return db.execute(sql`
    with b as (${bounds(scope, month)})
    select b.doctor_id, extract(isodow from a.starts_at at time zone b.time_zone)::int as weekday, count(*)::int as appointments
    from b
    join appointments a on ${sameDoctor(scope, sql`a.doctor_id`)} a.starts_at >= b.starts and a.starts_at < b.ends
    where a.status <> 'cancelled'
    group by b.doctor_id, weekday
  `) as unknown as Promise<{ doctor_id: string | null; weekday: number; appointments: number }[]>;
}

/** Money taken for the month's visits, per currency: what was paid, and how much of it went back. */
export async function aggregateMoney(
  db: Db,
  scope: Scope,
  month: string,
): Promise<{ doctor_id: string | null; currency: string; paid_minor: number; refunded_minor: number; refund_count: number }[]> {
  const rows = await db.execute<{ doctor_id: string | null; currency: string; paid_minor: string; refunded_minor: string; refund_count: number }>(sql`
    with b as (${bounds(scope, month)})
    select b.doctor_id, p.currency,
      sum(p.amount_minor)::bigint as paid_minor,
      sum(p.refunded_minor)::bigint as refunded_minor,
      count(*) filter (where p.refunded_minor > 0)::int as refund_count
    from b
    join appointments a on ${sameDoctor(scope, sql`a.doctor_id`)} a.starts_at >= b.starts and a.starts_at < b.ends
    join payments p on p.appointment_id = a.id
    where p.paid_at is not null and p.status in ('paid', 'partially_refunded', 'refunded')
    group by b.doctor_id, p.currency
  `);
  return rows.map((row) => ({ ...row, paid_minor: Number(row.paid_minor), refunded_minor: Number(row.refunded_minor) }));
}

/** Visible reviews written during the month. Hidden ones leave averages, as on public pages. */
export async function aggregateRatings(
  db: Db,
  scope: Scope,
  month: string,
): Promise<{ doctor_id: string | null; time_zone: string; rating_sum: number; rating_count: number }[]> {
  return db.execute(sql`
    with b as (${bounds(scope, month)})
    select b.doctor_id, b.time_zone, sum(r.rating)::int as rating_sum, count(*)::int as rating_count
    from b
    join reviews r on ${sameDoctor(scope, sql`r.doctor_id`)} r.created_at >= b.starts and r.created_at < b.ends
    where r.status = 'visible'
    group by b.doctor_id, b.time_zone
  `) as unknown as Promise<{ doctor_id: string | null; time_zone: string; rating_sum: number; rating_count: number }[]>;
}

/** Doctors who get a report even in a month without visits: verified and active. */
export async function listReportableDoctors(db: Db): Promise<{ doctor_id: string; time_zone: string }[]> {
  return db.execute(sql`
    select d.user_id as doctor_id, d.time_zone
    from doctor_profiles d join users u on u.id = d.user_id
    where d.verification_status = 'verified' and u.active
  `) as unknown as Promise<{ doctor_id: string; time_zone: string }[]>;
}

/** Serialises generations of one month, so a cron run and an admin's click cannot interleave. */
export async function lockReportMonth(db: Db, month: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`careslot:reports:${month}`}, 0))`);
}

export interface ReportRow {
  kind: "doctor_monthly" | "system_monthly";
  doctorId: string | null;
  figures: unknown;
}

/**
 * Writes the month's reports in one statement, keeping each report's id, then
 * removes the month's reports this generation did not write (a doctor with
 * nothing to report any more). Rows written here carry this transaction's
 * now(); older ones predate it. Call inside a transaction holding the lock.
 */
export async function replaceMonthReports(db: Db, month: string, rows: ReportRow[]): Promise<{ id: string; kind: string; doctorId: string | null }[]> {
  const records = rows.map((row) => ({ kind: row.kind, doctor_id: row.doctorId, figures: row.figures }));
  const written = await db.execute<{ id: string; kind: string; doctor_id: string | null }>(sql`
    insert into reports (kind, doctor_id, month, figures)
    select x.kind::report_kind, x.doctor_id, ${month}::date, x.figures
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(kind text, doctor_id uuid, figures jsonb)
    on conflict (kind, coalesce(doctor_id, '00000000-0000-0000-0000-000000000000'::uuid), month)
    do update set figures = excluded.figures, updated_at = now()
    returning id, kind, doctor_id
  `);
  await db.execute(sql`delete from reports where month = ${month}::date and updated_at < now()`);
  return written.map((row) => ({ id: row.id, kind: row.kind, doctorId: row.doctor_id }));
}

const reportColumns = { id: reports.id, month: reports.month, figures: reports.figures, updatedAt: reports.updatedAt };

export function listDoctorReports(db: Db, doctorId: string) {
  return db
    .select(reportColumns)
    .from(reports)
    .where(and(eq(reports.kind, "doctor_monthly"), eq(reports.doctorId, doctorId)))
    .orderBy(desc(reports.month))
    .limit(120);
}

export async function getDoctorReport(db: Db, doctorId: string, month: string) {
  const [row] = await db
    .select(reportColumns)
    .from(reports)
    .where(and(eq(reports.kind, "doctor_monthly"), eq(reports.doctorId, doctorId), eq(reports.month, month)));
  return row;
}

export function listSystemReports(db: Db) {
  return db
    .select(reportColumns)
    .from(reports)
    .where(and(eq(reports.kind, "system_monthly"), isNull(reports.doctorId)))
    .orderBy(desc(reports.month))
    .limit(120);
}

/** The system report and every doctor's report of one month, doctors by name. */
export async function getMonthReports(db: Db, month: string) {
  const rows = await db
    .select({ ...reportColumns, kind: reports.kind, doctorId: reports.doctorId, doctorName: users.fullName })
    .from(reports)
    .leftJoin(users, eq(users.id, reports.doctorId))
    .where(eq(reports.month, month))
    .orderBy(asc(users.fullName), asc(reports.doctorId));
  return { system: rows.find((row) => row.kind === "system_monthly"), doctors: rows.filter((row) => row.kind === "doctor_monthly") };
}

// ---------------------------------------------------------------- the admin dashboard

// Every figure on the admin dashboard is an SQL aggregate: rows are counted and
// summed by PostgreSQL, and only the totals travel to the app. Days and months
// are UTC calendar days and months.

/** Instants go over the wire as ISO text: the driver passes date parameters through unserialised. */
const iso = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** Payments that were paid (some may since be refunded); their net is amount minus refunded. */
const PAID_STATUSES = sql.raw(`('paid', 'partially_refunded', 'refunded')`);

export interface SummaryRanges {
  todayStart: Date;
  tomorrowStart: Date;
  monthStart: Date;
  nextMonthStart: Date;
  /** No-show rate over visits that started in [noShowFrom, now). */
  noShowFrom: Date;
  now: Date;
}

export async function getAdminSummary(db: Db, r: SummaryRanges) {
  const [row] = await db.execute<Record<string, string | null>>(sql`
    select
      (select count(*) from doctor_profiles dp join users u on u.id = dp.user_id where dp.verification_status = 'verified' and u.active) as doctors_verified,
      (select count(*) from doctor_profiles where verification_status = 'pending') as doctors_pending,
      (select count(*) from users where role = 'patient' and active) as patients,
      (select count(*) from appointments where starts_at >= ${iso(r.todayStart)} and starts_at < ${iso(r.tomorrowStart)} and status <> 'cancelled') as appointments_today,
      (select count(*) from appointments where starts_at >= ${iso(r.monthStart)} and starts_at < ${iso(r.nextMonthStart)} and status <> 'cancelled') as appointments_month,
      (select count(*) from appointments where status <> 'cancelled') as appointments_all_time,
      (select count(*) from appointments where starts_at >= ${iso(r.noShowFrom)} and starts_at < ${iso(r.now)} and status = 'no_show') as no_shows,
      (select count(*) from appointments where starts_at >= ${iso(r.noShowFrom)} and starts_at < ${iso(r.now)} and status in ('completed', 'no_show')) as attended_or_missed
  `);
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    doctorsVerified: n("doctors_verified"),
    doctorsPending: n("doctors_pending"),
    patients: n("patients"),
    appointmentsToday: n("appointments_today"),
    appointmentsThisMonth: n("appointments_month"),
    appointmentsAllTime: n("appointments_all_time"),
    noShows: n("no_shows"),
    attendedOrMissed: n("attended_or_missed"),
  };
}

/** Net revenue (paid minus refunded) of payments paid in [from, to), per currency. */
export async function getRevenueBetween(db: Db, from: Date, to: Date) {
  const rows = await db.execute<{ currency: string; net_minor: string }>(sql`
    select currency, sum(amount_minor - refunded_minor) as net_minor
    from payments
    where status in ${PAID_STATUSES} and paid_at >= ${iso(from)} and paid_at < ${iso(to)}
    group by currency
    order by currency
  `);
  return rows.map((r) => ({ currency: r.currency, netMinor: Number(r.net_minor) }));
}

/** One row per UTC day in [fromDate, toDate] (inclusive, "YYYY-MM-DD"), with counts per status; empty days are zeros. */
export async function getAppointmentsPerDay(db: Db, fromDate: string, toDate: string) {
  const rows = await db.execute<Record<string, string>>(sql`
    select to_char(d, 'YYYY-MM-DD') as day,
      count(a.id) filter (where a.status = 'pending_payment') as pending_payment,
      count(a.id) filter (where a.status = 'confirmed') as confirmed,
      count(a.id) filter (where a.status = 'completed') as completed,
      count(a.id) filter (where a.status = 'cancelled') as cancelled,
      count(a.id) filter (where a.status = 'no_show') as no_show
    from generate_series(${fromDate}::timestamp, ${toDate}::timestamp, interval '1 day') as d
    left join appointments a
      on a.starts_at >= (d at time zone 'UTC') and a.starts_at < ((d + interval '1 day') at time zone 'UTC')
    group by d
    order by d
  `);
  return rows.map((r) => ({
    day: r.day,
    pending_payment: Number(r.pending_payment),
    confirmed: Number(r.confirmed),
    completed: Number(r.completed),
    cancelled: Number(r.cancelled),
    no_show: Number(r.no_show),
  }));
}

/** Net revenue per UTC month in [fromMonth, toMonth] ("YYYY-MM-01", inclusive) and currency; months without payments come back with a null currency. */
export async function getRevenuePerMonth(db: Db, fromMonth: string, toMonth: string) {
  const rows = await db.execute<{ month: string; currency: string | null; net_minor: string | null }>(sql`
    select to_char(m, 'YYYY-MM') as month, p.currency, sum(p.amount_minor - p.refunded_minor) as net_minor
    from generate_series(${fromMonth}::timestamp, ${toMonth}::timestamp, interval '1 month') as m
    left join payments p
      on p.status in ${PAID_STATUSES} and p.paid_at >= (m at time zone 'UTC') and p.paid_at < ((m + interval '1 month') at time zone 'UTC')
    group by m, p.currency
    order by m, p.currency
  `);
  return rows.map((r) => ({ month: r.month, currency: r.currency, netMinor: Number(r.net_minor ?? 0) }));
}

/** Appointments (not cancelled) that start in [from, to), per specialization, largest first. */
export async function getAppointmentsBySpecialization(db: Db, from: Date, to: Date) {
  const rows = await db.execute<{ name: string | null; appointments: string }>(sql`
    select s.name, count(*) as appointments
    from appointments a
    join doctor_profiles dp on dp.user_id = a.doctor_id
    left join specializations s on s.id = dp.specialization_id
    where a.starts_at >= ${iso(from)} and a.starts_at < ${iso(to)} and a.status <> 'cancelled'
    group by s.name
    order by count(*) desc, s.name
  `);
  return rows.map((r) => ({ name: r.name ?? "No specialization", appointments: Number(r.appointments) }));
}
