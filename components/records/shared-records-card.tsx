import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import { fileSize } from "@/lib/records/display";
import { recordTypeLabels } from "@/lib/records/schemas";
import type { SharedRecord } from "@/lib/records/shared";

function RecordLinks({ records, zone, withVisit }: { records: SharedRecord[]; zone: string; withVisit: boolean }) {
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {records.map((record) => (
        <li key={`${record.id}-${record.appointmentId}`} className="flex flex-wrap items-baseline justify-between gap-2">
          <span>
            <span className="font-medium">{record.title}</span>
            <span className="block text-slate-600">
              {recordTypeLabels[record.recordType]} · {record.originalName} · {fileSize(record.sizeBytes)}
              {withVisit ? ` · shared on the visit of ${formatDate(record.appointmentStartsAt, zone)}` : ""}
            </span>
          </span>
          <span className="flex gap-3">
            <a href={`/api/records/${record.id}?disposition=inline`} target="_blank" rel="noopener" className="font-medium text-brand-700 underline">
              Open<span className="sr-only"> {record.title}</span>
            </a>
            <a href={`/api/records/${record.id}`} className="font-medium text-brand-700 underline">
              Download<span className="sr-only"> {record.title}</span>
            </a>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Documents the patient chose to share with this doctor; unsharing removes them at once. */
export function SharedRecordsCard({ onThis, fromOtherVisits, zone }: { onThis: SharedRecord[]; fromOtherVisits: SharedRecord[]; zone: string }) {
  return (
    <Card title="Shared records">
      {onThis.length === 0 ? (
        <p className="text-sm text-slate-600">The patient has not shared documents on this appointment.</p>
      ) : (
        <RecordLinks records={onThis} zone={zone} withVisit={false} />
      )}
      {fromOtherVisits.length > 0 ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Shared on other visits with you</h3>
          <RecordLinks records={fromOtherVisits} zone={zone} withVisit />
        </div>
      ) : null}
    </Card>
  );
}

/** Everything a patient shared with this doctor, on any visit: the records part of the patient's history. */
export function PatientSharedRecordsCard({ records, zone }: { records: SharedRecord[]; zone: string }) {
  return (
    <Card title="Shared records">
      {records.length === 0 ? (
        <p className="text-sm text-slate-600">The patient has not shared any documents with you.</p>
      ) : (
        <RecordLinks records={records} zone={zone} withVisit />
      )}
    </Card>
  );
}
