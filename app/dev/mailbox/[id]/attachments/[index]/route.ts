import { z } from "zod";
import { getDb } from "@/lib/db";
import { getMailboxMessage } from "@/db/queries/emails";
import { devMailboxOpenTo } from "@/lib/dev-mailbox";
import { notFoundResponse, privateFileHeaders } from "@/lib/records/download";

export const dynamic = "force-dynamic";

/** GET /dev/mailbox/<id>/attachments/<n>: a stored email's attachment (a booking's calendar file), as a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  if (!devMailboxOpenTo(request.headers)) return notFoundResponse();
  const { id, index } = await params;
  const position = Number(index);
  if (!z.uuid().safeParse(id).success || !Number.isInteger(position) || position < 0) return notFoundResponse();
  const attachment = (await getMailboxMessage(getDb(), id))?.attachments?.[position];
  if (!attachment) return notFoundResponse();
  const body = new TextEncoder().encode(attachment.content);
  return new Response(body, {
    headers: privateFileHeaders({ contentType: attachment.contentType, name: attachment.filename, size: body.byteLength, disposition: "attachment" }),
  });
}
