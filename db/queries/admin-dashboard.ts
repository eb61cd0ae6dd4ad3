import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../client";

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
