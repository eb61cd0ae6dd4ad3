import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { AppointmentsBySpecializationChart, AppointmentsPerDayChart, RevenuePerMonthChart } from "@/components/admin/dashboard-charts";
import { JobBacklogBanner } from "@/components/admin/job-backlog-banner";
import { StatTiles } from "@/components/admin/stat-tiles";
import { PageHeading } from "@/components/ui/card";
import { loadDashboard } from "@/lib/admin/dashboard";
import { requireRole } from "@/lib/auth/guards";
import { formatMoney } from "@/lib/format";
import { getJobRunnerStatus } from "@/lib/jobs/status";

export const metadata: Metadata = { title: "Admin dashboard" };

function revenueText(rows: { currency: string; netMinor: number }[]): string {
  if (rows.length === 0) return formatMoney(0, "EUR");
  return rows.map((r) => formatMoney(r.netMinor, r.currency)).join(" · ");
}

export default async function AdminDashboard() {
  const user = await requireRole("admin");
  const now = new Date();
  const [{ summary, perDay, revenue, bySpecialization }, jobs] = await Promise.all([loadDashboard(getDb(), user, now), getJobRunnerStatus(getDb(), now)]);
  const tiles = [
    { label: "Verified doctors", value: summary.doctorsVerified },
    { label: "Doctors pending verification", value: summary.doctorsPending },
    { label: "Patients", value: summary.patients },
    { label: "Appointments today", value: summary.appointmentsToday, hint: "UTC day, cancelled left out" },
    { label: "Appointments this month", value: summary.appointmentsThisMonth, hint: "UTC month, cancelled left out" },
    {
      label: "Revenue this month",
      value: <span className="text-2xl">{revenueText(summary.revenueThisMonth)}</span>,
      hint: "Paid minus refunded, per currency",
    },
    {
      label: "No-show rate",
      value: summary.noShowRate === null ? "—" : `${(summary.noShowRate * 100).toFixed(1)} %`,
      hint: `Last 30 days: ${summary.noShows} of ${summary.attendedOrMissed} visits`,
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
        <RevenuePerMonthChart data={revenue.points as { month: string }[]} currencies={revenue.currencies} />
        <AppointmentsBySpecializationChart data={bySpecialization} />
      </div>
    </>
  );
}
