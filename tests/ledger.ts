import { afterEach, expect } from "vitest";
import type { Db } from "@/db/client";
import { ledgerTotals } from "@/db/queries/ledger";
import { walletReconciliation } from "@/db/queries/wallet-reads";

/** The whole ledger balances: every entry and every account's balance sum to zero per currency, and patients hold their credits minus debits. */
export async function expectLedgerBalanced(db: Db): Promise<void> {
  for (const row of await ledgerTotals(db)) expect(row, row.currency).toMatchObject({ entriesSum: 0, balancesSum: 0 });
  for (const row of await walletReconciliation(db)) {
    expect(row.entriesSum, row.currency).toBe(0);
    expect(row.patientBalances, row.currency).toBe(row.walletCredits - row.walletDebits);
  }
}

/** Registers the check after every test of the file (issue #19: "the ledger sums to zero per currency after every test"). */
export function checkLedgerAfterEach(db: Db): void {
  afterEach(() => expectLedgerBalanced(db));
}
