import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listPendingOutboxEvents } from "@/db/queries/outbox";
import { StatTiles } from "@/components/admin/stat-tiles";
import { JobBacklogBanner } from "@/components/admin/job-backlog-banner";
import { Card, PageHeading } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { JOB_RUNNER_LABELS } from "@/lib/jobs/engine";
import { getJobRunnerStatus, listLocalRuns } from "@/lib/jobs/status";
import { RetryForm, RetryRunForm } from "./retry-form";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

const count = (n: number, noun: string, rest: string) => `${n} ${noun}${n === 1 ? "" : "s"} ${rest}`;

const utc = (instant: Date) => `${formatDateTime(instant, "UTC")} UTC`;

/** The background work: which runner runs it, what waits, what sleeps until when, and what failed. */
export default async function AdminOutboxPage() {
  await requireRole("admin");
  const db = getDb();
  const now = new Date();
  const [status, pending] = await Promise.all([getJobRunnerStatus(db, now), listPendingOutboxEvents(db, 20)]);
  const local = status.runner === "local" ? await listLocalRuns(db) : null;
  const { outbox } = status;
  const tiles = [
    { label: "Job runner", value: <span className="text-2xl">{JOB_RUNNER_LABELS[status.runner].name}</span>, hint: JOB_RUNNER_LABELS[status.runner].where },
    {
      label: "Queue depth",
      value: String(status.queueDepth),
      hint: [
        count(outbox.pending, "event", "to hand over"),
        ...(status.runs ? [count(status.runs.queued, "run", "due"), `${status.runs.running} running`] : []),
      ].join(", "),
    },
    {
      label: "Oldest waiting",
      value: status.oldestWaitingAt ? `${age(status.oldestWaitingAt, now)} old` : "None",
      hint: status.oldestWaitingAt ? utc(status.oldestWaitingAt) : undefined,
    },
    {
      label: "Last delivered",
      value: outbox.lastSentAt ? `${age(outbox.lastSentAt, now)} ago` : "Never",
      hint: outbox.lastSentAt ? utc(outbox.lastSentAt) : undefined,
    },
  ];
  return (
    <>
      <PageHeading
        title="Outbox"
        subtitle={
          status.runner === "local"
            ? "Bookings, cancellations and moves are written here with the change itself, then run by the local job runner inside this server (emails, reminders, hold expiry, reports). When it is busy or down they wait; nothing is lost."
            : "Bookings, cancellations and moves are written here with the change itself, then sent to Inngest for emails and reminders. When Inngest is unreachable they wait; nothing is lost."
        }
      />
      <div className="flex flex-col gap-6">
        <JobBacklogBanner status={status} now={now} />
        <StatTiles tiles={tiles} />

        <Card title="Last delivery error">
          {outbox.lastError ? (
            <div className="flex flex-col gap-1 text-sm">
              <p className="break-words font-mono text-red-800">{outbox.lastError.message}</p>
              <p className="text-slate-600">
                {outbox.lastError.eventName}, {outbox.lastError.attempts} {outbox.lastError.attempts === 1 ? "attempt" : "attempts"}, last at{" "}
                {utc(outbox.lastError.at)}
              </p>
            </div>
          ) : (
            <p className="text-slate-600">No pending event has failed to deliver.</p>
          )}
        </Card>

        <Card title="Deliver now">
          <p className="mb-3 text-sm text-slate-700">
            Pending events are retried after every change and by a sweep each minute. Retry now to send them at once.
          </p>
          <RetryForm />
        </Card>

        {local && status.runs ? (
          <>
            <Card title="Failed runs">
              {local.failed.length === 0 ? (
                <p className="text-slate-600">No run has failed.</p>
              ) : (
                <ul className="flex flex-col divide-y divide-slate-100" aria-label="Runs that failed after every retry">
                  {local.failed.map((run) => (
                    <li key={run.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
                      <div className="flex min-w-0 flex-col gap-1 text-sm">
                        <p className="break-words font-mono font-medium text-slate-900">{run.functionId}</p>
                        <p className="text-slate-600">
                          <span className="font-mono">{run.eventName}</span>
                          {run.finishedAt ? `, failed ${utc(run.finishedAt)}` : null}
                        </p>
                        <p className="break-words text-red-800">{run.lastError ?? "No error was recorded."}</p>
                      </div>
                      <RetryRunForm runId={run.id} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>

            <Card title="Sleeping runs">
              <p className="mb-3 text-sm text-slate-700">
                {status.runs.sleeping === 1 ? "1 run waits for its time" : `${status.runs.sleeping} runs wait for their time`} (reminders, payment holds); the
                soonest first.
              </p>
              {local.sleeping.length === 0 ? null : (
                <ul className="flex flex-col divide-y divide-slate-100 text-sm" aria-label="Runs sleeping until a time">
                  {local.sleeping.map((run) => (
                    <li key={run.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:justify-between sm:gap-6">
                      <span className="break-words font-mono text-slate-900">
                        {run.functionId} <span className="text-slate-600">({run.eventName})</span>
                      </span>
                      <span className="text-slate-700">wakes {run.wakeAt ? utc(run.wakeAt) : "–"}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </>
        ) : null}

        <Card title="Waiting events">
          {pending.length === 0 ? (
            <p className="text-slate-600">Nothing is waiting.</p>
          ) : (
            <DataTable
              caption="Oldest pending events"
              columns={[{ label: "Event" }, { label: "Written (UTC)" }, { label: "Attempts" }, { label: "Last error" }]}
            >
              {pending.map((event) => (
                <tr key={event.id} className="align-top">
                  <th scope="row" className="py-2 pr-4 font-mono font-normal">
                    {event.name}
                  </th>
                  <td className="py-2 pr-4">{formatDateTime(event.createdAt, "UTC")}</td>
                  <td className="py-2 pr-4">{event.attempts}</td>
                  <td className="max-w-md break-words py-2 text-slate-700">{event.lastError ?? "–"}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
