import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";
import { applyResendEvent, verifyResendWebhook } from "@/lib/notifications/delivery";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/**
 * Resend's delivery webhooks (delivered, delayed, bounced, complained),
 * signed with the svix scheme over the raw body. Unsigned or badly signed:
 * 401, nothing changes. Each svix-id is applied once. A failure on our side
 * answers 500 so Resend delivers it again.
 */
export async function POST(request: Request) {
  const payload = await request.text();
  const headers = { id: request.headers.get("svix-id"), timestamp: request.headers.get("svix-timestamp"), signature: request.headers.get("svix-signature") };
  const event = verifyResendWebhook(payload, headers);
  if (!event || !headers.id) return json(401, { error: "invalid signature" });
  const log = await requestLogger();
  try {
    const result = await applyResendEvent(getDb(), headers.id, event);
    log.info({ svixId: headers.id, type: event.type, result }, "resend webhook");
    return json(200, { received: true, result });
  } catch (error) {
    log.error({ svixId: headers.id, type: event.type, err: error }, "resend webhook failed");
    return json(500, { error: "temporary failure; please retry" });
  }
}
