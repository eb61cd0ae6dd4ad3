import "server-only";
import type { Db } from "@/db/client";
import type { Refund } from "@/db/queries/payments/refunds";
import type { ActorRole } from "@/lib/vocabulary";
import { postToLedger } from "./ledger";

/**
 * A wallet-paid visit's refund (a cancellation by policy, or an admin's manual
 * refund), or a card-paid one the patient chose to keep as credit, goes to the
 * wallet at once, in the transaction that records it: the refund row is
 * "succeeded" and the balance holds the money when it commits.
 */
export async function creditWalletRefund(
  tx: Db,
  input: { refund: Refund; kind: "visit_refund" | "card_refund_to_wallet"; patientId: string; currency: string; actor: { id: string | null; role: ActorRole } },
): Promise<void> {
  // A card payment kept as credit: what the card paid (the house's card clearing) becomes the patient's.
  await postToLedger(tx, {
    kind: input.kind,
    patientId: input.patientId,
    paymentId: input.refund.paymentId,
    refundId: input.refund.id,
    reason: input.refund.reason,
    actorId: input.actor.id,
    actorRole: input.actor.role,
    idempotencyKey: `visit-refund/${input.refund.id}`,
    currency: input.currency,
    walletMinor: input.refund.amountMinor,
    counterpart: input.kind === "visit_refund" ? "visit_fees" : "card_clearing",
  });
}
