import { getDb } from "@/lib/db";
import { absoluteUrl } from "@/lib/env";
import { requestLogger } from "@/lib/logger";
import { unsubscribe } from "@/lib/notifications/unsubscribe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * One-click unsubscribe (RFC 8058). A mail client POSTs
 * "List-Unsubscribe=One-Click" here with no session: the signed token alone
 * says which user and which kind, and only that kind is switched off, on email.
 * The confirm page's button posts here too (with `from=page`) and is sent back to it.
 */
export async function POST(request: Request) {
  const url = new URL(request.url);
  const form = await request.formData().catch(() => null);
  const token = url.searchParams.get("token") ?? String(form?.get("token") ?? "");
  const done = token ? await unsubscribe(getDb(), token) : null;
  if (!done) return text(400, "This unsubscribe link is not valid.");
  (await requestLogger()).info({ kind: done.kind }, "unsubscribed by one-click link");
  if (form?.get("from") === "page") return Response.redirect(absoluteUrl(`/unsubscribe?done=${done.kind}`), 303);
  return text(200, "Unsubscribed.");
}

/** A GET changes nothing (mail scanners follow links): it shows the page with the button. */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return Response.redirect(absoluteUrl(`/unsubscribe?token=${encodeURIComponent(token)}`), 303);
}
