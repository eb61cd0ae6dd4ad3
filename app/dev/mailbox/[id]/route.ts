import { z } from "zod";
import { getDb } from "@/db";
import { getMailboxMessage } from "@/db/queries/emails";
import { devMailboxEnabled } from "@/lib/env";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /dev/mailbox/<id>: a stored email's HTML exactly as it would have been
 * sent, opened in its own tab. The site's Content-Security-Policy still
 * applies (no script runs), and it exists only where the mailbox does.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!devMailboxEnabled()) return notFound();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  const message = await getMailboxMessage(getDb(), id);
  if (!message) return notFound();
  return new Response(message.html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}
