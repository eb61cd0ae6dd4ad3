import { Card } from "@/components/ui/card";
import { appointmentStatusLabel, formatDateTime } from "@/lib/format";
import type { AppointmentStatus } from "@/lib/vocabulary";

interface StatusEvent {
  id: string;
  toStatus: AppointmentStatus;
  actorRole: string;
  note: string | null;
  at: Date;
}

/**
 * An appointment's status changes, oldest first: what, by whom, why and when (in the reader's zone).
 * A visit moved to another time (`movedToId`) ended by being rescheduled, not cancelled: its last step says so.
 */
export function StatusHistoryCard({
  events,
  timeZone,
  title = "Status history",
  movedToId,
}: {
  events: StatusEvent[];
  timeZone: string;
  title?: string;
  movedToId?: string | null;
}) {
  return (
    <Card title={title}>
      {events.length === 0 ? <p className="text-sm text-slate-600">No status changes recorded.</p> : null}
      <ol className="flex flex-col gap-2 text-sm">
        {events.map((event) => (
          <li key={event.id} className="flex flex-wrap justify-between gap-2">
            <span>
              <span className="font-medium">{appointmentStatusLabel(event.toStatus, movedToId)}</span> by {event.actorRole}
              {event.note ? ` — ${event.note}` : ""}
            </span>
            <span className="text-slate-600">
              {formatDateTime(event.at, timeZone)}
              {timeZone === "UTC" ? " UTC" : ""}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
