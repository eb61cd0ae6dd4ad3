import type { Metadata } from "next";
import { getDb } from "@/db";
import { getAdminCounts } from "@/db/queries/dashboards";
import { PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Admin dashboard" };

export default async function AdminDashboard() {
  const user = await requireRole("admin");
  const counts = await getAdminCounts(getDb());
  const tiles = [
    { label: "Verified doctors", value: counts.verified },
    { label: "Doctors pending verification", value: counts.pending },
    { label: "Patients", value: counts.patients },
    { label: "Appointments", value: counts.appointments },
  ];
  return (
    <>
      <PageHeading title={`Hello, ${user.name}`} subtitle="The marketplace at a glance." />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((tile) => (
          <div key={tile.label} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <dt className="text-sm text-slate-600">{tile.label}</dt>
            <dd className="mt-1 text-3xl font-bold text-slate-900">{tile.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
