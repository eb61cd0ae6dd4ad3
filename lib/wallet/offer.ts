import "server-only";
import type { Db } from "@/db/client";
import { walletBalances } from "@/db/queries/ledger";
import { formatMoney } from "@/lib/format";

export interface WalletOffer {
  covers: boolean;
  /** "Balance €120.00" or "Balance €25.00: €35.00 short". */
  hint: string;
}

/**
 * "Pay from wallet balance" in the booking form: offered for a visit with a
 * price to a patient who has a wallet in the doctor's currency; disabled, with
 * the shortfall, when the balance does not cover the price.
 */
export async function walletOfferFor(db: Db, patientId: string, visit: { priceMinor: number; currency: string }): Promise<WalletOffer | null> {
  if (visit.priceMinor <= 0) return null;
  const wallet = (await walletBalances(db, patientId)).find((row) => row.currency === visit.currency);
  if (!wallet) return null;
  const balance = formatMoney(wallet.balanceMinor, visit.currency);
  const covers = wallet.balanceMinor >= visit.priceMinor;
  return {
    covers,
    hint: covers
      ? `Balance ${balance}; ${formatMoney(visit.priceMinor, visit.currency)} is taken from it now and the visit is confirmed.`
      : `Balance ${balance}: ${formatMoney(visit.priceMinor - wallet.balanceMinor, visit.currency)} short.`,
  };
}
