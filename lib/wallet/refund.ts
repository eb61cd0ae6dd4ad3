import "server-only";
import type { Db } from "@/db/client";
import type { Refund } from "@/db/queries/payments/refunds";
import type { ActorRole } from "@/lib/vocabulary";
import { postToLedger } from "./ledger";

/**
 * A wallet-paid visit's refund (a cancellation by policy, or an admin's manual
 * refund) goes back to the wallet at once, in the transaction that records it:
 * the refund row is "succeeded" and the balance holds the money when it commits.
 */
export async function creditWalletRefund(
  tx: Db,
  input: { refund: Refund; patientId: string; currency: string; actor: { id: string | null; role: ActorRole } },
): Promise<void> {
  await postToLedger(tx, {
    kind: "visit_refund",
    patientId: input.patientId,
    paymentId: input.refund.paymentId,
    refundId: input.refund.id,
    reason: input.refund.reason,
    actorId: input.actor.id,
    actorRole: input.actor.role,
    idempotencyKey: `visit-refund/${input.refund.id}`,
    currency: input.currency,
    walletMinor: input.refund.amountMinor,
    counterpart: "visit_fees",
  });
}
