import type { LedgerTransactionKind } from "@/db/schema/wallet";

/** What a wallet movement was, as the patient's history and its CSV say it. */
export const walletMovementLabels: Record<LedgerTransactionKind, string> = {
  top_up: "Added funds by card",
  withdrawal: "Withdrawn to card",
  visit_payment: "Visit paid from wallet",
  visit_refund: "Visit refund to wallet",
  card_refund_to_wallet: "Card payment kept as wallet credit",
  adjustment: "Adjustment by the clinic",
  withdrawal_settled: "Withdrawal settled to card",
  withdrawal_returned: "Withdrawal failed: back in your wallet",
};
