import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

type AuditRow = {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorRole: string;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <pre className="max-w-xl overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs text-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No audit entries match these filters.</p>;
  return (
    <DataTable
      caption="Audit entries, newest first"
      columns={[{ label: "When (UTC)" }, { label: "Actor" }, { label: "Action" }, { label: "Entity" }, { label: "Change" }]}
      bodyClassName="align-top"
    >
      {rows.map((row) => (
        <tr key={row.id}>
          <td className="py-2 pr-4 tabular-nums whitespace-nowrap">{formatDateTime(row.createdAt, "UTC")}</td>
          <td className="py-2 pr-4">
            {row.actorName ?? (row.actorId ? "Deleted user" : "System")}
            <span className="block text-xs text-slate-600">
              {row.actorRole}
              {row.actorEmail ? ` · ${row.actorEmail}` : ""}
            </span>
          </td>
          <td className="py-2 pr-4 font-mono text-xs">{row.action}</td>
          <td className="py-2 pr-4">
            {row.entityType}
            <span className="block break-all font-mono text-xs text-slate-600">{row.entityId}</span>
          </td>
          <td className="py-2">
            {row.before === null && row.after === null ? (
              <span className="text-slate-600">—</span>
            ) : (
              <details>
                <summary className="cursor-pointer text-brand-700">Before and after</summary>
                <div className="mt-2 flex flex-col gap-2">
                  <Json label="Before" value={row.before} />
                  <Json label="After" value={row.after} />
                </div>
              </details>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
