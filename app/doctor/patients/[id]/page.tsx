import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getDoctorTimeZone } from "@/db/queries/profiles";
import { getPatientHistoryWithDoctor, getPatientOfDoctor } from "@/db/queries/appointments";
import { listRecordsSharedWithDoctor } from "@/db/queries/records";
import { StatusBadge } from "@/components/appointments/status-badge";
import { PatientInformationCard } from "@/components/profiles/patient-information-card";
import { PatientSharedRecordsCard } from "@/components/records/shared-records-card";
import { Card, PageHeading } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { Fact, Facts } from "@/components/ui/facts";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Patient history" };

/** One patient's history with this doctor. A patient not in their care (lib/security/care.ts) is a 404, like an unknown id. */
export default async function DoctorPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("doctor");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const patient = await getPatientOfDoctor(db, user.id, id);
  if (!patient) notFound();
  const [zone, visits, records] = await Promise.all([
    getDoctorTimeZone(db, user.id),
    getPatientHistoryWithDoctor(db, user.id, id),
    listRecordsSharedWithDoctor(db, user.id, id),
  ]);
  return (
    <>
      <PageHeading
        title={patient.fullName}
        subtitle={
          <>
            Your history with this patient. Times in <ZoneName timeZone={zone} />.
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Contact">
          <Facts>
            <Fact label="Email" className="break-all">
              {patient.email}
            </Fact>
            <Fact label="Phone">{patient.phone || "—"}</Fact>
            <Fact label="Time zone">{patient.timeZone ? <ZoneName timeZone={patient.timeZone} /> : "—"}</Fact>
          </Facts>
        </Card>
        <PatientInformationCard information={patient} />
      </div>
      <div className="mt-6 flex flex-col gap-6">
        <Card title={`Visits (${visits.length})`}>
          <DataTable
            caption={`Visits of ${patient.fullName}`}
            columns={[{ label: "When" }, { label: "Status" }, { label: "Reason and notes" }]}
            bodyClassName="align-top"
          >
            {visits.map((visit) => (
              <tr key={visit.id}>
                <td className="py-3 pr-4 whitespace-nowrap">
                  <Link href={`/doctor/appointments/${visit.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {formatDateTime(visit.startsAt, zone)}
                  </Link>
                </td>
                <td className="py-3 pr-4">
                  <StatusBadge status={visit.status} />
                </td>
                <td className="py-3">
                  {visit.reason ? <p>Reason: {visit.reason}</p> : null}
                  {visit.note ? <p className="whitespace-pre-wrap text-slate-700">Notes: {visit.note}</p> : null}
                  {!visit.reason && !visit.note ? <span className="text-slate-600">—</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </Card>
        <PatientSharedRecordsCard records={records} zone={zone} />
      </div>
    </>
  );
}
