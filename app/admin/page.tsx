import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { AppointmentsBySpecializationChart, AppointmentsPerDayChart, RevenuePerMonthChart } from "@/components/admin/dashboard-charts";
import { JobBacklogBanner } from "@/components/admin/job-backlog-banner";
import { StatTiles, type StatTile } from "@/components/admin/stat-tiles";
import { PageHeading } from "@/components/ui/card";
import { dashboardDays, loadDashboard } from "@/lib/admin/dashboard";
import { requireRole } from "@/lib/auth/guards";
import { formatMoney } from "@/lib/format";
import { getJobRunnerStatus } from "@/lib/jobs/status";

export const metadata: Metadata = { title: "Admin dashboard" };

function revenueText(rows: { currency: string; netMinor: number }[]): string {
  if (rows.length === 0) return formatMoney(0, "EUR");
  return rows.map((r) => formatMoney(r.netMinor, r.currency)).join(" · ");
}

export default async function AdminDashboard({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("admin");
  const now = new Date();
  const [{ summary, perDay, revenue, bySpecialization }, jobs, query] = await Promise.all([
    loadDashboard(getDb(), user, now),
    getJobRunnerStatus(getDb(), now),
    searchParams,
  ]);
  // The chart shows the currency asked for, else the one with the most revenue this month, else the first with any.
  const busiest = [...summary.revenueThisMonth].sort((a, b) => b.netMinor - a.netMinor)[0]?.currency;
  const currency =
    revenue.currencies.find((code) => code === query.currency?.toUpperCase()) ??
    (busiest && revenue.currencies.includes(busiest) ? busiest : revenue.currencies[0]);
  const days = dashboardDays(now);
  const tiles: StatTile[] = [
    { label: "Verified doctors", value: summary.doctorsVerified, href: "/admin/doctors?status=verified" },
    { label: "Doctors pending verification", value: summary.doctorsPending, href: "/admin/doctors?status=pending" },
    { label: "Patients", value: summary.patients, href: "/admin/users?role=patient&status=active" },
    {
      label: "Appointments today",
      value: summary.appointmentsToday,
      hint: "UTC day, cancelled left out",
      href: `/admin/appointments?from=${days.today}&to=${days.today}`,
    },
    {
      label: "Appointments this month",
      value: summary.appointmentsThisMonth,
      hint: "UTC month, cancelled left out",
      href: `/admin/appointments?from=${days.monthStart}&to=${days.monthEnd}`,
    },
    { label: "Appointments in all", value: summary.appointmentsAllTime, hint: "Since the start, cancelled left out", href: "/admin/appointments" },
    {
      label: "Revenue this month",
      value: <span className="text-2xl">{revenueText(summary.revenueThisMonth)}</span>,
      hint: "Paid minus refunded, per currency",
      href: `/admin/payments?from=${days.monthStart}&to=${days.monthEnd}`,
    },
    {
      label: "No-show rate",
      value: summary.noShowRate === null ? "—" : `${(summary.noShowRate * 100).toFixed(1)} %`,
      hint: `Last 30 days: ${summary.noShows} of ${summary.attendedOrMissed} visits`,
      href: `/admin/appointments?status=no_show&from=${days.thirtyDaysAgo}&to=${days.today}`,
    },
  ];
  return (
    <>
      <PageHeading title={`Hello, ${user.name}`} subtitle="The marketplace at a glance." />
      <div className="mb-6 empty:hidden">
        <JobBacklogBanner status={jobs} now={now} linkToOutbox />
      </div>
      <StatTiles tiles={tiles} />
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <div className="xl:col-span-2">
          <AppointmentsPerDayChart data={perDay} />
        </div>
        <RevenuePerMonthChart data={revenue.points as { month: string }[]} currencies={revenue.currencies} currency={currency} />
        <AppointmentsBySpecializationChart data={bySpecialization} />
      </div>
    </>
  );
}
