import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";
import { applyTwilioStatus } from "@/lib/notifications/delivery";
import { TWILIO_STATUS_PATH } from "@/lib/notifications/sms/sender";
import { verifiedTwilioForm } from "@/lib/notifications/sms/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Twilio's status callback for each text we sent: delivered, undelivered or failed on the log. Unsigned: 403. */
export async function POST(request: Request) {
  const params = await verifiedTwilioForm(request, TWILIO_STATUS_PATH);
  if (!params) return new Response("invalid signature", { status: 403 });
  const log = await requestLogger();
  try {
    const result = await applyTwilioStatus(getDb(), params);
    log.info({ messageSid: params.MessageSid, status: params.MessageStatus, result }, "twilio status callback");
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error({ messageSid: params.MessageSid, err: error }, "twilio status callback failed");
    return new Response("temporary failure; please retry", { status: 500 });
  }
}
