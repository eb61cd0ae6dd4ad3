import "server-only";
import type { Db } from "@/db/client";
import { logger } from "@/lib/logger";
import { closeCheckoutSessions } from "./holds";
import { sendLatePaymentRefundEmail, type LateRefundNotice } from "./notify";
import { issueRefund } from "./refunds";

/**
 * What a committed change still has to tell Stripe or the patient. Calls to
 * the outside world never run inside a database transaction: the change is
 * committed first (with a pending refund row, so nothing is lost), then this;
 * each refund is claimed, sent and answered by `issueRefund`.
 */
export interface PaymentFollowUp {
  refundIds: string[];
  sessionIds: string[];
  lateRefundNotices: LateRefundNotice[];
}

export const noFollowUp = (): PaymentFollowUp => ({ refundIds: [], sessionIds: [], lateRefundNotices: [] });

/** Runs the follow-up; `ok` is false when a refund could not be sent yet (it stays pending: the sweep sends it again). */
export async function runPaymentFollowUp(db: Db, followUp: PaymentFollowUp): Promise<{ ok: boolean }> {
  let ok = true;
  for (const refundId of followUp.refundIds) {
    const outcome = await issueRefund(db, refundId);
    if (outcome === "failed") ok = false;
  }
  await closeCheckoutSessions(followUp.sessionIds);
  for (const notice of followUp.lateRefundNotices) {
    try {
      await sendLatePaymentRefundEmail(db, notice);
    } catch (error) {
      logger.error({ paymentId: notice.paymentId, err: error instanceof Error ? error.message : String(error) }, "late payment email failed");
    }
  }
  return { ok };
}
