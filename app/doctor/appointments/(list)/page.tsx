import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getDoctorTimeZone } from "@/db/queries/profiles";
import { listAppointmentsForDoctor } from "@/db/queries/appointments";
import { AppointmentTable } from "@/components/appointments/appointment-table";
import { BookForPatientButton } from "@/components/front-desk/book-for-patient-button";
import { Card, PageHeading } from "@/components/ui/card";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { requireRole } from "@/lib/auth/guards";
import { statusLabels } from "@/lib/format";
import { ZoneName } from "@/components/ui/zone-name";
import { Pagination } from "@/components/ui/pagination";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Appointments" };

const PAGE_SIZE = 25;

type Status = keyof typeof statusLabels;
const isStatus = (value: string | undefined): value is Status => value !== undefined && value in statusLabels;

export default async function DoctorAppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("doctor");
  const query = await searchParams;
  const scope = query.scope === "past" ? "past" : "upcoming";
  const status = isStatus(query.status) ? query.status : undefined;
  const db = getDb();
  const page = pageFrom(query);
  const [zone, { rows, total }] = await Promise.all([
    getDoctorTimeZone(db, user.id),
    listAppointmentsForDoctor(db, user.id, { scope, statuses: status ? [status] : undefined }, new Date(), { page, pageSize: PAGE_SIZE }),
  ]);
  return (
    <>
      <PageHeading
        title="Appointments"
        subtitle={
          <>
            Times in your time zone, <ZoneName timeZone={zone} />.
          </>
        }
      />
      <BookForPatientButton href="/doctor/appointments/book" />
      <Card>
        <FilterBar label="Filter appointments">
          <FilterSelect id="scope" name="scope" label="Show" value={scope} options={{ upcoming: "Upcoming", past: "Past" }} />
          <FilterSelect id="status" name="status" label="Status" value={status} anyLabel="Any status" options={statusLabels} />
        </FilterBar>
        <AppointmentTable
          caption={`${scope === "upcoming" ? "Upcoming" : "Past"} appointments`}
          rows={rows}
          timeZone={zone}
          counterpart="patient"
          detailHref={(id) => `/doctor/appointments/${id}`}
          empty="No appointments match these filters."
        />
        <Pagination basePath="/doctor/appointments" params={{ scope, status }} page={page} pageSize={PAGE_SIZE} total={total} label="Appointment pages" />
      </Card>
    </>
  );
}
