import Link from "next/link";
import { appointmentStatusLabel, formatDateTime } from "@/lib/format";
import type { AppointmentStatus } from "@/lib/vocabulary";

const tones: Record<AppointmentStatus, string> = {
  pending_payment: "bg-amber-100 text-amber-900",
  confirmed: "bg-emerald-100 text-emerald-900",
  completed: "bg-sky-100 text-sky-900",
  cancelled: "bg-slate-200 text-slate-800",
  no_show: "bg-red-100 text-red-900",
};

const RESCHEDULED_TONE = "bg-violet-100 text-violet-900";

/** The status pill; a cancelled visit that was moved (`movedToId`) reads "Rescheduled". */
export function StatusBadge({ status, movedToId }: { status: AppointmentStatus; movedToId?: string | null }) {
  const rescheduled = status === "cancelled" && Boolean(movedToId);
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${rescheduled ? RESCHEDULED_TONE : tones[status]}`}>
      {appointmentStatusLabel(status, movedToId)}
    </span>
  );
}

export interface MovedTo {
  movedToId: string | null;
  movedToStartsAt: Date | null;
}

/** The badge, and for a rescheduled visit "to <new time>" linking to the appointment it became. */
export function AppointmentStatus({
  status,
  moved,
  timeZone,
  hrefOf,
}: {
  status: AppointmentStatus;
  moved: MovedTo;
  timeZone: string;
  hrefOf?: (appointmentId: string) => string;
}) {
  const { movedToId, movedToStartsAt } = moved;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1">
      <StatusBadge status={status} movedToId={movedToId} />
      {status === "cancelled" && movedToId && movedToStartsAt ? (
        <span className="text-sm text-slate-700">
          to{" "}
          {hrefOf ? (
            <Link href={hrefOf(movedToId)} className="font-medium text-brand-700 underline underline-offset-2">
              {formatDateTime(movedToStartsAt, timeZone)}
            </Link>
          ) : (
            formatDateTime(movedToStartsAt, timeZone)
          )}
        </span>
      ) : null}
    </span>
  );
}
