import "server-only";
import type { Db } from "@/db/client";
import { constraintName } from "@/db/errors";
import {
  ensureLedgerAccount,
  findLedgerTransactionByKey,
  insertLedgerEntries,
  insertLedgerTransaction,
  type LedgerTransactionInsert,
} from "@/db/queries/ledger";
import type { LedgerAccountKind } from "@/db/schema";
import { AppError } from "@/lib/errors";

// The one way money moves in a wallet: a ledger transaction whose entries sum
// to zero (the database refuses anything else at COMMIT). Callers pass the
// patient's side; the house's side is the account that balances it.

export type LedgerPosting = Omit<LedgerTransactionInsert, "id" | "createdAt"> & {
  currency: string;
  /** What moves on the patient's wallet: positive credits it, negative debits it. */
  walletMinor: number;
  /** The house account on the other side. */
  counterpart: Exclude<LedgerAccountKind, "patient_wallet">;
};

export type PostResult = { transactionId: string; replayed: boolean };

/**
 * Posts inside the caller's transaction, so the money moves with what caused
 * it (an appointment, a refund) or not at all. A replayed idempotency key
 * posts nothing and answers the first transaction.
 */
export async function postToLedger(tx: Db, posting: LedgerPosting): Promise<PostResult> {
  const { currency, walletMinor, counterpart, ...transaction } = posting;
  if (!Number.isSafeInteger(walletMinor) || walletMinor === 0) throw new AppError("invalid_input", "The amount must be a whole number of cents, not zero.");
  const transactionId = await insertLedgerTransaction(tx, transaction);
  if (!transactionId) {
    const first = await findLedgerTransactionByKey(tx, transaction.idempotencyKey);
    return { transactionId: first!.id, replayed: true };
  }
  const [wallet, house] = await Promise.all([
    ensureLedgerAccount(tx, { kind: "patient_wallet", ownerId: posting.patientId, currency }),
    ensureLedgerAccount(tx, { kind: counterpart, ownerId: null, currency }),
  ]);
  await insertLedgerEntries(tx, [
    { transactionId, accountId: wallet, amountMinor: walletMinor, currency },
    { transactionId, accountId: house, amountMinor: -walletMinor, currency },
  ]);
  return { transactionId, replayed: false };
}

/** Whether an error is the database refusing to take a wallet below zero. */
export function isOverdraft(error: unknown): boolean {
  return constraintName(error) === "ledger_accounts_wallet_not_negative";
}
