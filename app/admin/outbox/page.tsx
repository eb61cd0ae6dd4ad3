import type { Metadata } from "next";
import { getDb } from "@/db";
import { getOutboxSummary, listPendingOutboxEvents } from "@/db/queries/outbox";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { RetryForm } from "./retry-form";
import { StatTiles } from "@/components/admin/stat-tiles";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

const utc = (instant: Date) => `${formatDateTime(instant, "UTC")} UTC`;

/** Domain events waiting for Inngest: how many, how old, and why the last delivery failed. */
export default async function AdminOutboxPage() {
  await requireRole("admin");
  const db = getDb();
  const [summary, pending] = await Promise.all([getOutboxSummary(db), listPendingOutboxEvents(db, 20)]);
  const now = new Date();
  const tiles = [
    { label: "Pending events", value: String(summary.pending) },
    { label: "Oldest pending", value: summary.oldestPendingAt ? `${age(summary.oldestPendingAt, now)} old` : "None", hint: summary.oldestPendingAt ? utc(summary.oldestPendingAt) : undefined },
    { label: "Last delivered", value: summary.lastSentAt ? `${age(summary.lastSentAt, now)} ago` : "Never", hint: summary.lastSentAt ? utc(summary.lastSentAt) : undefined },
  ];
  return (
    <>
      <PageHeading
        title="Outbox"
        subtitle="Bookings, cancellations and moves are written here with the change itself, then sent to Inngest for emails and reminders. When Inngest is unreachable they wait; nothing is lost."
      />
      <div className="flex flex-col gap-6">
        <StatTiles tiles={tiles} columns={3} />

        <Card title="Last delivery error">
          {summary.lastError ? (
            <div className="flex flex-col gap-1 text-sm">
              <p className="break-words font-mono text-red-800">{summary.lastError.message}</p>
              <p className="text-slate-600">
                {summary.lastError.eventName}, {summary.lastError.attempts} {summary.lastError.attempts === 1 ? "attempt" : "attempts"}, last at {utc(summary.lastError.at)}
              </p>
            </div>
          ) : (
            <p className="text-slate-600">No pending event has failed to deliver.</p>
          )}
        </Card>

        <Card title="Deliver now">
          <p className="mb-3 text-sm text-slate-700">Pending events are retried after every change and by a sweep each minute. Retry now to send them at once.</p>
          <RetryForm />
        </Card>

        <Card title="Waiting events">
          {pending.length === 0 ? (
            <p className="text-slate-600">Nothing is waiting.</p>
          ) : (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Oldest pending events">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Oldest pending events</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    {["Event", "Written (UTC)", "Attempts", "Last error"].map((label) => (
                      <th key={label} scope="col" className="py-2 pr-4 font-medium">
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {pending.map((event) => (
                    <tr key={event.id} className="align-top">
                      <th scope="row" className="py-2 pr-4 font-mono font-normal">
                        {event.name}
                      </th>
                      <td className="py-2 pr-4">{formatDateTime(event.createdAt, "UTC")}</td>
                      <td className="py-2 pr-4">{event.attempts}</td>
                      <td className="max-w-md break-words py-2 pr-4 text-slate-700">{event.lastError ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
