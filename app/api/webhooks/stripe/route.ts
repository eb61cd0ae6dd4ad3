import { getDb } from "@/lib/db";
import { requestLogger } from "@/lib/logger";
import { verifyStripeEvent } from "@/lib/payments/signature";
import { handleStripeEvent } from "@/lib/payments/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/**
 * Stripe's callback. The signature is checked on the raw body (bad or missing:
 * 400, nothing changes); each event is applied at most once; a failure on our
 * side answers 500 so Stripe delivers it again, and events we do not use get
 * a 200 so Stripe stops sending them.
 */
export async function POST(request: Request) {
  const payload = await request.text();
  const verified = verifyStripeEvent(payload, request.headers.get("stripe-signature"));
  if (!verified.ok) return json(verified.status, { error: verified.error });
  const { event } = verified;
  const log = await requestLogger();
  try {
    const result = await handleStripeEvent(getDb(), event, new Date());
    log.info({ eventId: event.id, type: event.type, result: result.status, followUpOk: result.followUpOk }, "stripe webhook");
    // A refund the event owes could not be sent: a redelivery retries it.
    if (!result.followUpOk) return json(500, { error: "follow-up failed; please retry" });
    return json(200, { received: true, result: result.status });
  } catch (error) {
    log.error({ eventId: event.id, type: event.type, err: error }, "stripe webhook failed");
    return json(500, { error: "temporary failure; please retry" });
  }
}
