import type { Metadata } from "next";
import { MessageLogTable, StatusCounts } from "@/components/admin/message-log-table";
import { FilterProblems } from "@/components/admin/form-bits";
import { Card, PageHeading } from "@/components/ui/card";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import { Pagination } from "@/components/ui/pagination";
import { countMessagesByStatus, listMessageLog } from "@/db/queries/message-log";
import { channelLabels, kindLabels, parseMessageLogFilter, statusLabels, toMessageLogQuery } from "@/lib/notifications/message-log";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Emails and messages" };

const PAGE_SIZE = 30;
const BASE = "/admin/messages";

export default async function AdminMessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("admin");
  const { values, problems } = parseMessageLogFilter(await searchParams);
  const query = toMessageLogQuery(values);
  const [{ rows, total }, counts] = await Promise.all([
    listMessageLog(getDb(), query, { page: values.page, pageSize: PAGE_SIZE }),
    countMessagesByStatus(getDb(), query),
  ]);
  const kept = { status: values.status, kind: values.kind, channel: values.channel, recipient: values.recipient, from: values.from, to: values.to };
  const hrefFor = (status: string | undefined) => {
    const params = new URLSearchParams(Object.entries({ ...kept, status }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return params.size ? `${BASE}?${params}` : BASE;
  };
  return (
    <>
      <PageHeading
        title="Emails and messages"
        subtitle="Every email and text message the app sent or tried to send, and how each fared: the providers' webhooks move them to delivered, bounced, complained or delayed. Times in UTC."
      />
      <Card>
        <FilterProblems problems={problems} />
        <StatusCounts counts={counts} labels={statusLabels} hrefFor={hrefFor} current={values.status} />
        <FilterBar label="Filter emails and messages">
          <FilterSelect id="messages-status" name="status" label="Status" value={values.status} anyLabel="Any status" options={statusLabels} />
          <FilterSelect id="messages-kind" name="kind" label="Kind" value={values.kind} anyLabel="Any kind" options={kindLabels} />
          <FilterSelect id="messages-channel" name="channel" label="Channel" value={values.channel} anyLabel="Email and SMS" options={channelLabels} />
          <FilterInput id="messages-recipient" name="recipient" label="Recipient" type="search" placeholder="Address or number" value={values.recipient} />
          <FilterInput id="messages-from" name="from" label="From" type="date" value={values.from} />
          <FilterInput id="messages-to" name="to" label="To" type="date" value={values.to} />
        </FilterBar>
        <MessageLogTable rows={rows} statusLabels={statusLabels} kindLabels={kindLabels} />
        <Pagination basePath={BASE} params={kept} page={values.page} pageSize={PAGE_SIZE} total={total} label="Emails and messages pages" />
      </Card>
    </>
  );
}
