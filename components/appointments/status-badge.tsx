import { statusLabels } from "@/lib/format";
import type { AppointmentStatus } from "@/lib/vocabulary";

const tones: Record<AppointmentStatus, string> = {
  pending_payment: "bg-amber-100 text-amber-900",
  confirmed: "bg-emerald-100 text-emerald-900",
  completed: "bg-sky-100 text-sky-900",
  cancelled: "bg-slate-200 text-slate-800",
  no_show: "bg-red-100 text-red-900",
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[status]}`}>{statusLabels[status]}</span>;
}
