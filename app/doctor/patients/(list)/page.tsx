import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getDoctorTimeZone } from "@/db/queries/profiles";
import { listPatientsOfDoctor } from "@/db/queries/appointments";
import { Card, PageHeading } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FilterBar, FilterInput } from "@/components/ui/filter-bar";
import { Pagination } from "@/components/ui/pagination";
import { requireRole } from "@/lib/auth/guards";
import { singleLineText } from "@/lib/validation/text";
import { formatDate } from "@/lib/format";
import { formatTimeZone } from "@/lib/format";

export const metadata: Metadata = { title: "Patients" };

const PAGE_SIZE = 25;
const filterSchema = z.object({
  q: singleLineText().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export default async function DoctorPatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("doctor");
  const filter = filterSchema.parse(await searchParams);
  const db = getDb();
  const now = new Date();
  const [zone, { rows, total }] = await Promise.all([
    getDoctorTimeZone(db, user.id),
    listPatientsOfDoctor(db, { doctorId: user.id, query: filter.q || undefined, page: filter.page, pageSize: PAGE_SIZE, now }),
  ]);
  return (
    <>
      <PageHeading
        title="Patients"
        subtitle={`The patients in your care: everyone with a visit booked, done or missed (not cancelled). Open one for their visits, your notes and the documents they shared. Dates in ${formatTimeZone(zone)}.`}
      />
      <Card>
        <FilterBar label="Find a patient" submitLabel="Search">
          <FilterInput id="patients-q" name="q" label="Name or email" type="search" value={filter.q} />
        </FilterBar>
        {rows.length === 0 ? (
          <p className="text-slate-600">{filter.q ? "No patient matches that search." : "No patient has booked with you yet."}</p>
        ) : (
          <DataTable
            caption="Your patients"
            columns={[{ label: "Patient" }, { label: "Visits", align: "right" }, { label: "Last visit" }, { label: "Next visit" }]}
          >
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="py-3 pr-4">
                  <Link href={`/doctor/patients/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {row.fullName}
                  </Link>
                  <span className="block text-xs text-slate-600">{row.email}</span>
                </td>
                <td className="py-3 pr-4 text-right tabular-nums">{row.visits}</td>
                <td className="py-3 pr-4">{row.lastVisit ? formatDate(row.lastVisit, zone) : "—"}</td>
                <td className="py-3">{row.nextVisit ? formatDate(row.nextVisit, zone) : "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination basePath="/doctor/patients" params={{ q: filter.q }} page={filter.page} pageSize={PAGE_SIZE} total={total} label="Patient pages" />
      </Card>
    </>
  );
}
