import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { listMailbox } from "@/db/queries/emails";
import { PageHeading } from "@/components/ui/card";
import { devMailboxOpenTo } from "@/lib/dev-mailbox";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

function linksIn(text: string): string[] {
  return Array.from(new Set(text.match(/https?:\/\/[^\s)\]]+/g) ?? []));
}

/** Emails stored instead of sent. It holds reset links, so it exists only where asked for (and, in production, only for this machine). */
export default async function DevMailboxPage() {
  if (!devMailboxOpenTo(await headers())) notFound();
  const messages = await listMailbox(getDb());
  return (
    <>
      <PageHeading title="Dev mailbox" subtitle="Emails and text messages Careslot would have sent, newest first. No mail or SMS provider is configured." />
      {messages.length === 0 ? <p className="text-slate-600">No emails yet.</p> : null}
      <ol className="flex flex-col gap-4">
        {messages.map((message) =>
          message.channel === "sms" ? (
            <li key={message.id}>
              <article aria-label={`Text message to ${message.toAddress}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h2 className="font-semibold">Text message</h2>
                <p className="text-sm text-slate-600">
                  To <span className="font-medium text-slate-900">{message.toAddress}</span> · {formatDateTime(message.createdAt, "UTC")} UTC
                </p>
                <p className="mt-2 rounded-lg bg-slate-100 px-3 py-2 whitespace-pre-wrap text-slate-900">{message.text}</p>
              </article>
            </li>
          ) : (
            <li key={message.id}>
              <article aria-label={message.subject} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h2 className="font-semibold">{message.subject}</h2>
                <p className="text-sm text-slate-600">
                  To <span className="font-medium text-slate-900">{message.toAddress}</span> · {formatDateTime(message.createdAt, "UTC")} UTC
                </p>
                <ul className="mt-2 flex flex-col gap-1">
                  {linksIn(message.text).map((link) => (
                    <li key={link}>
                      <a href={link} className="break-all text-sm text-brand-700 underline">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
                <a
                  href={`/dev/mailbox/${message.id}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={`View as sent (HTML): ${message.subject}`}
                  className="mt-2 inline-block text-sm font-medium text-brand-700 underline"
                >
                  View as sent (HTML)
                </a>
                {message.attachments?.length ? (
                  <ul className="mt-1 flex flex-col gap-1" aria-label={`Attachments of ${message.subject}`}>
                    {message.attachments.map((attachment, index) => (
                      <li key={attachment.filename}>
                        <a href={`/dev/mailbox/${message.id}/attachments/${index}`} className="text-sm font-medium text-brand-700 underline" download>
                          {attachment.filename}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-slate-700">Show text</summary>
                  <pre className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{message.text}</pre>
                </details>
              </article>
            </li>
          ),
        )}
      </ol>
    </>
  );
}
