import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";
import { handleInboundSms } from "@/lib/notifications/sms/inbound";
import { twiml, verifiedTwilioForm } from "@/lib/notifications/sms/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Texts sent to our number (Twilio's "A message comes in" webhook): STOP and START. Unsigned: 403, nothing changes. */
export async function POST(request: Request) {
  const params = await verifiedTwilioForm(request, "/api/webhooks/twilio/inbound");
  if (!params) return new Response("invalid signature", { status: 403 });
  const result = await handleInboundSms(getDb(), params);
  (await requestLogger()).info({ result }, "twilio inbound sms");
  // An empty reply: Twilio answers STOP/START itself.
  return twiml();
}
