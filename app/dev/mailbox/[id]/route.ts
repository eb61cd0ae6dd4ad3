import { z } from "zod";
import { getDb } from "@/lib/db";
import { getMailboxMessage } from "@/db/queries/emails";
import { devMailboxOpenTo } from "@/lib/dev-mailbox";
import { notFoundResponse } from "@/lib/records/download";

export const dynamic = "force-dynamic";

/**
 * GET /dev/mailbox/<id>: a stored email's HTML exactly as it would have been
 * sent, opened in its own tab. The site's Content-Security-Policy still
 * applies (no script runs), and it exists only where the mailbox does.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!devMailboxOpenTo(request.headers)) return notFoundResponse();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFoundResponse();
  const message = await getMailboxMessage(getDb(), id);
  if (!message) return notFoundResponse();
  return new Response(message.html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
