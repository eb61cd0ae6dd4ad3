import type { walletHistory } from "@/db/queries/ledger";

/** One line of a patient's wallet history, as pages and exports show it. */
export type WalletMovement = Awaited<ReturnType<typeof walletHistory>>[number];
