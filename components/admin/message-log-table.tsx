import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";

type Row = {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  channel: "email" | "sms";
  kind: string | null;
  template: string;
  toAddress: string;
  subject: string;
  provider: string;
  status: string;
  error: string | null;
};

const tone: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-900",
  sent: "bg-sky-100 text-sky-900",
  stored: "bg-slate-100 text-slate-800",
  delayed: "bg-amber-100 text-amber-900",
  bounced: "bg-red-100 text-red-900",
  complained: "bg-red-100 text-red-900",
  undelivered: "bg-red-100 text-red-900",
  failed: "bg-red-100 text-red-900",
  suppressed: "bg-slate-200 text-slate-900",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${tone[status] ?? "bg-slate-100 text-slate-800"}`}>{label}</span>;
}

/** Counts per status under the other filters; each one filters the list to it. */
export function StatusCounts({
  counts,
  labels,
  hrefFor,
  current,
}: {
  counts: Partial<Record<string, number>>;
  labels: Record<string, string>;
  hrefFor: (status: string | undefined) => string;
  current: string | undefined;
}) {
  const total = Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const items = [
    { status: undefined, label: "All", n: total },
    ...Object.keys(labels).map((status) => ({ status, label: labels[status], n: counts[status] ?? 0 })),
  ];
  return (
    <nav aria-label="Messages per status" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.label}>
            <Link
              href={hrefFor(item.status)}
              aria-current={item.status === current ? "page" : undefined}
              className={`inline-flex min-h-9 items-center gap-2 rounded-full border px-3 py-1 text-sm ${item.status === current ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 text-slate-800 hover:bg-slate-50"}`}
            >
              {item.label}
              <span className="tabular-nums text-slate-700">{item.n}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function MessageLogTable({ rows, statusLabels, kindLabels }: { rows: Row[]; statusLabels: Record<string, string>; kindLabels: Record<string, string> }) {
  if (rows.length === 0) return <p className="text-slate-600">No emails or messages match these filters.</p>;
  return (
    <DataTable
      caption="Emails and text messages, newest first"
      columns={[{ label: "When (UTC)" }, { label: "To" }, { label: "Message" }, { label: "Kind" }, { label: "Status" }]}
      bodyClassName="align-top"
    >
      {rows.map((row) => (
        <tr key={row.id}>
          <td className="py-2 pr-4 tabular-nums whitespace-nowrap">{formatDateTime(row.createdAt, "UTC")}</td>
          <td className="py-2 pr-4 break-all">
            {row.toAddress}
            <span className="block text-xs text-slate-600">{row.channel === "sms" ? "SMS" : "Email"}</span>
          </td>
          <td className="py-2 pr-4">
            {row.channel === "sms" ? <span className="text-slate-800">{row.template}</span> : <span className="text-slate-900">{row.subject}</span>}
            {row.channel === "email" ? <span className="block text-xs text-slate-600">{row.template}</span> : null}
          </td>
          <td className="py-2 pr-4">{kindLabels[row.kind ?? "account"]}</td>
          <td className="py-2">
            <StatusBadge status={row.status} label={statusLabels[row.status] ?? row.status} />
            <span className="block text-xs text-slate-600">via {row.provider}</span>
            {row.error ? <span className="block max-w-xs text-xs break-words text-red-800">{row.error}</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
