import type { Metadata } from "next";
import { getDb } from "@/db";
import { listAppointmentsForAdmin } from "@/db/queries/admin-appointments";
import { AppointmentBulkForm } from "@/components/admin/appointment-bulk-form";
import { FilterProblems, filterControl } from "@/components/admin/form-bits";
import { Pagination } from "@/components/admin/pagination";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { parseAppointmentFilter, toQueryFilter } from "@/lib/admin/appointments";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney, statusLabels } from "@/lib/format";

export const metadata: Metadata = { title: "All appointments" };

const PAGE_SIZE = 25;

export default async function AdminAppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("admin");
  const { values, problems } = parseAppointmentFilter(await searchParams);
  const { rows, total } = await listAppointmentsForAdmin(getDb(), toQueryFilter(values), { page: values.page, pageSize: PAGE_SIZE });
  const kept = { status: values.status, doctor: values.doctor, patient: values.patient, from: values.from, to: values.to };
  const exportQuery = new URLSearchParams(Object.entries(kept).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return (
    <>
      <PageHeading title="All appointments" subtitle="Filter, open one, cancel several with one reason, or export what you see as CSV. Times are in UTC." />
      <Card>
        <FilterProblems problems={problems} />
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter appointments">
          <div className="flex flex-col gap-1">
            <label htmlFor="appointments-status" className="text-sm font-medium">
              Status
            </label>
            <select id="appointments-status" name="status" defaultValue={values.status ?? ""} className={filterControl}>
              <option value="">Any status</option>
              {Object.entries(statusLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="appointments-doctor" className="text-sm font-medium">
              Doctor
            </label>
            <input id="appointments-doctor" name="doctor" type="search" placeholder="Name or email" defaultValue={values.doctor ?? ""} className={filterControl} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="appointments-patient" className="text-sm font-medium">
              Patient
            </label>
            <input id="appointments-patient" name="patient" type="search" placeholder="Name or email" defaultValue={values.patient ?? ""} className={filterControl} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="appointments-from" className="text-sm font-medium">
              From
            </label>
            <input id="appointments-from" name="from" type="date" defaultValue={values.from ?? ""} className={filterControl} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="appointments-to" className="text-sm font-medium">
              To
            </label>
            <input id="appointments-to" name="to" type="date" defaultValue={values.to ?? ""} className={filterControl} />
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
            Apply filters
          </button>
          <a href={`/admin/appointments/export${exportQuery ? `?${exportQuery}` : ""}`} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
        </form>
        <AppointmentBulkForm
          rows={rows.map((row) => ({
            id: row.id,
            when: formatDateTime(row.startsAt, "UTC"),
            doctorName: row.doctorName,
            patientName: row.patientName,
            specialization: row.specialization,
            status: row.status,
            price: formatMoney(row.priceMinor, row.currency),
            cancellable: row.status === "confirmed" || row.status === "pending_payment",
          }))}
        />
        <Pagination basePath="/admin/appointments" params={kept} page={values.page} pageSize={PAGE_SIZE} total={total} label="Appointment pages" />
      </Card>
    </>
  );
}
