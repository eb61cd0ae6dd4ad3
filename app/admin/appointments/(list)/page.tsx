import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listAppointmentsForAdmin } from "@/db/queries/appointments";
import { AppointmentBulkForm } from "@/components/admin/appointment-bulk-form";
import { BookForPatientButton } from "@/components/front-desk/book-for-patient-button";
import { FilterProblems } from "@/components/admin/form-bits";
import { Pagination } from "@/components/ui/pagination";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
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
      <BookForPatientButton href="/admin/appointments/book" />
      <Card>
        <FilterProblems problems={problems} />
        <FilterBar
          label="Filter appointments"
          actions={
            <a href={`/admin/appointments/export${exportQuery ? `?${exportQuery}` : ""}`} className={buttonClasses("secondary")} download>
              Export CSV
            </a>
          }
        >
          <FilterSelect id="appointments-status" name="status" label="Status" value={values.status} anyLabel="Any status" options={statusLabels} />
          <FilterInput id="appointments-doctor" name="doctor" label="Doctor" type="search" placeholder="Name or email" value={values.doctor} />
          <FilterInput id="appointments-patient" name="patient" label="Patient" type="search" placeholder="Name or email" value={values.patient} />
          <FilterInput id="appointments-from" name="from" label="From" type="date" value={values.from} />
          <FilterInput id="appointments-to" name="to" label="To" type="date" value={values.to} />
        </FilterBar>
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
