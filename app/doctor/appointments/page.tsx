import type { Metadata } from "next";
import { getDb } from "@/db";
import { listAppointmentsForDoctor } from "@/db/queries/appointment-reads";
import { getDoctorDashboard } from "@/db/queries/dashboards";
import { AppointmentTable } from "@/components/appointments/appointment-table";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { statusLabels } from "@/lib/format";

export const metadata: Metadata = { title: "Appointments" };

type Status = keyof typeof statusLabels;
const isStatus = (value: string | undefined): value is Status => value !== undefined && value in statusLabels;

export default async function DoctorAppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("doctor");
  const query = await searchParams;
  const scope = query.scope === "past" ? "past" : "upcoming";
  const status = isStatus(query.status) ? query.status : undefined;
  const db = getDb();
  const [{ profile }, rows] = await Promise.all([getDoctorDashboard(db, user.id, new Date()), listAppointmentsForDoctor(db, user.id, { scope, statuses: status ? [status] : undefined }, new Date())]);
  const zone = profile?.timeZone ?? "UTC";
  return (
    <>
      <PageHeading title="Appointments" subtitle={`Times in your time zone, ${zone}.`} />
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="scope" className="text-sm font-medium">
              Show
            </label>
            <select id="scope" name="scope" defaultValue={scope} className="rounded-md border border-slate-300 bg-white px-3 py-2">
              <option value="upcoming">Upcoming</option>
              <option value="past">Past</option>
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="status" className="text-sm font-medium">
              Status
            </label>
            <select id="status" name="status" defaultValue={status ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2">
              <option value="">Any status</option>
              {Object.entries(statusLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
            Apply filters
          </button>
        </form>
        <AppointmentTable
          caption={`${scope === "upcoming" ? "Upcoming" : "Past"} appointments`}
          rows={rows}
          timeZone={zone}
          counterpart="patient"
          detailHref={(row) => `/doctor/appointments/${row.id}`}
          empty="No appointments match these filters."
        />
      </Card>
    </>
  );
}
