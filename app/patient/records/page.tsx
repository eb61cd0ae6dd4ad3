import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { listRecordsOfPatient, listShareableAppointments } from "@/db/queries/records";
import { PageNotice } from "@/components/admin/page-notice";
import { RecordItem } from "@/components/records/record-item";
import { RecordUploadForm } from "@/components/records/upload-form";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/format";
import { fileSize } from "@/lib/records/display";
import { recordTypeLabels } from "@/lib/records/schemas";
import { Pagination } from "@/components/ui/pagination";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Medical records" };

const PAGE_SIZE = 20;

export default async function PatientRecordsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("patient");
  const query = await searchParams;
  const notice = typeof query.notice === "string" ? query.notice : undefined;
  const page = pageFrom(query);
  const db = getDb();
  const [{ rows: records, total }, appointments, zone] = await Promise.all([
    listRecordsOfPatient(db, user.id, { page, pageSize: PAGE_SIZE }),
    listShareableAppointments(db, user.id),
    getPatientTimeZone(db, user.id),
  ]);
  const timeZone = zone ?? "UTC";
  const visitLabel = (doctorName: string, startsAt: Date) => `${doctorName} (${formatDateTime(startsAt, timeZone)})`;
  const options = appointments.map((a) => ({ appointmentId: a.id, label: visitLabel(a.doctorName, a.startsAt) }));
  return (
    <>
      <PageHeading title="Medical records" subtitle="Your documents are private. Share one with the doctor of an appointment, and stop sharing at any time." />
      <PageNotice code={notice} messages={{ deleted: "The document was deleted, and every doctor it was shared with lost access." }} />
      <div className="flex flex-col gap-6">
        <Card title="Upload a document">
          <RecordUploadForm />
        </Card>
        <Card title={`Your documents (${total})`}>
          {records.length === 0 ? (
            <p className="text-slate-600">No documents yet.</p>
          ) : (
            <div className="divide-y divide-slate-100">
              {records.map((record) => (
                <RecordItem
                  key={record.id}
                  options={options}
                  record={{
                    id: record.id,
                    title: record.title,
                    typeLabel: recordTypeLabels[record.recordType],
                    originalName: record.originalName,
                    size: fileSize(record.sizeBytes),
                    uploaded: formatDate(record.createdAt, timeZone),
                    shares: record.shares.map((s) => ({ appointmentId: s.appointmentId, label: visitLabel(s.doctorName, s.startsAt) })),
                  }}
                />
              ))}
            </div>
          )}
          <Pagination basePath="/patient/records" params={{}} page={page} pageSize={PAGE_SIZE} total={total} label="Document pages" />
        </Card>
      </div>
    </>
  );
}
