import "server-only";
import type { Db } from "@/db/client";
import { getAdminSummary, getAppointmentsBySpecialization, getAppointmentsPerDay, getRevenueBetween, getRevenuePerMonth } from "@/db/queries/reports";
import { requireActiveAdmin, type Actor } from "./actor";

const DAY_MS = 86_400_000;

const utcDay = (instant: Date) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
const utcMonth = (instant: Date, offset = 0) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + offset, 1));
const dateText = (instant: Date) => instant.toISOString().slice(0, 10);

/** The calendar ranges the dashboard reports on, all in UTC, from one `now`. */
export function dashboardRanges(now: Date) {
  const todayStart = utcDay(now);
  return {
    todayStart,
    tomorrowStart: new Date(todayStart.getTime() + DAY_MS),
    monthStart: utcMonth(now),
    nextMonthStart: utcMonth(now, 1),
    noShowFrom: new Date(todayStart.getTime() - 30 * DAY_MS),
    now,
    /** 30 days ending today. */
    firstDay: dateText(new Date(todayStart.getTime() - 29 * DAY_MS)),
    lastDay: dateText(todayStart),
    /** 12 months ending with this one. */
    firstMonth: dateText(utcMonth(now, -11)),
    lastMonth: dateText(utcMonth(now)),
    yearStart: utcMonth(now, -11),
  };
}

/** The UTC dates ("YYYY-MM-DD") the dashboard's tiles link their lists with: today, this month, the last 30 days. */
export function dashboardDays(now: Date) {
  const today = utcDay(now);
  return {
    today: dateText(today),
    monthStart: dateText(utcMonth(now)),
    monthEnd: dateText(new Date(utcMonth(now, 1).getTime() - DAY_MS)),
    thirtyDaysAgo: dateText(new Date(today.getTime() - 30 * DAY_MS)),
  };
}

/** Rows of (month, currency, net) as one point per month with a key per currency, the shape a chart draws. */
export function revenueSeries(rows: { month: string; currency: string | null; netMinor: number }[]) {
  const currencies = [...new Set(rows.flatMap((r) => (r.currency ? [r.currency] : [])))].sort();
  const months = [...new Set(rows.map((r) => r.month))];
  const points = months.map((month) => {
    const point: Record<string, string | number> = { month };
    for (const currency of currencies) point[currency] = (rows.find((r) => r.month === month && r.currency === currency)?.netMinor ?? 0) / 100;
    return point;
  });
  return { currencies, points };
}

export function noShowRate(noShows: number, attendedOrMissed: number): number | null {
  return attendedOrMissed === 0 ? null : noShows / attendedOrMissed;
}

export async function loadDashboard(db: Db, actor: Actor, now: Date) {
  await requireActiveAdmin(db, actor);
  const ranges = dashboardRanges(now);
  const [summary, revenueThisMonth, perDay, perMonth, bySpecialization] = await Promise.all([
    getAdminSummary(db, ranges),
    getRevenueBetween(db, ranges.monthStart, ranges.nextMonthStart),
    getAppointmentsPerDay(db, ranges.firstDay, ranges.lastDay),
    getRevenuePerMonth(db, ranges.firstMonth, ranges.lastMonth),
    getAppointmentsBySpecialization(db, ranges.yearStart, ranges.nextMonthStart),
  ]);
  return {
    summary: { ...summary, noShowRate: noShowRate(summary.noShows, summary.attendedOrMissed), revenueThisMonth },
    perDay,
    revenue: revenueSeries(perMonth),
    bySpecialization,
  };
}
