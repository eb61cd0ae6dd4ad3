import "server-only";
import type { Db } from "@/db/client";
import { closeCheckoutSessions } from "./holds";
import { issueRefund } from "./refunds";

/**
 * What a committed change still has to tell Stripe. Calls to the outside
 * world never run inside a database transaction: the change is committed
 * first (with a pending refund row, so nothing is lost), then this; each
 * refund is claimed, sent and answered by `issueRefund`. Emails are outbox
 * events written with the change, never a follow-up.
 */
export interface PaymentFollowUp {
  refundIds: string[];
  sessionIds: string[];
}

export const noFollowUp = (): PaymentFollowUp => ({ refundIds: [], sessionIds: [] });

/** Runs the follow-up; `ok` is false when a refund could not be sent yet (it stays pending: the sweep sends it again). */
export async function runPaymentFollowUp(db: Db, followUp: PaymentFollowUp): Promise<{ ok: boolean }> {
  let ok = true;
  for (const refundId of followUp.refundIds) {
    const outcome = await issueRefund(db, refundId);
    if (outcome === "failed") ok = false;
  }
  await closeCheckoutSessions(followUp.sessionIds);
  return { ok };
}
