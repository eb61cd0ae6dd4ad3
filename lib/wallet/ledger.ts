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
export function postToLedger(tx: Db, posting: LedgerPosting): Promise<PostResult> {
  const { currency, walletMinor, counterpart, ...transaction } = posting;
  return postLegs(tx, transaction, currency, [
    { kind: "patient_wallet", amountMinor: walletMinor },
    { kind: counterpart, amountMinor: -walletMinor },
  ]);
}

/**
 * A movement between two house accounts on the patient's behalf (a withdrawal
 * Stripe settled: pending_withdrawals → card_clearing), with no wallet entry.
 */
export function postHouseTransfer(
  tx: Db,
  posting: Omit<LedgerTransactionInsert, "id" | "createdAt"> & {
    currency: string;
    amountMinor: number;
    from: Exclude<LedgerAccountKind, "patient_wallet">;
    to: Exclude<LedgerAccountKind, "patient_wallet">;
  },
): Promise<PostResult> {
  const { currency, amountMinor, from, to, ...transaction } = posting;
  return postLegs(tx, transaction, currency, [
    { kind: from, amountMinor: -amountMinor },
    { kind: to, amountMinor },
  ]);
}

async function postLegs(
  tx: Db,
  transaction: Omit<LedgerTransactionInsert, "id" | "createdAt">,
  currency: string,
  legs: { kind: LedgerAccountKind; amountMinor: number }[],
): Promise<PostResult> {
  if (legs.some((leg) => !Number.isSafeInteger(leg.amountMinor) || leg.amountMinor === 0))
    throw new AppError("invalid_input", "The amount must be a whole number of cents, not zero.");
  const transactionId = await insertLedgerTransaction(tx, transaction);
  if (!transactionId) {
    const first = await findLedgerTransactionByKey(tx, transaction.idempotencyKey);
    return { transactionId: first!.id, replayed: true };
  }
  const accounts = await Promise.all(
    legs.map((leg) => ensureLedgerAccount(tx, { kind: leg.kind, ownerId: leg.kind === "patient_wallet" ? transaction.patientId : null, currency })),
  );
  await insertLedgerEntries(
    tx,
    legs.map((leg, index) => ({ transactionId, accountId: accounts[index], amountMinor: leg.amountMinor, currency })),
  );
  return { transactionId, replayed: false };
}

/** Whether an error is the database refusing to take a wallet below zero. */
export function isOverdraft(error: unknown): boolean {
  return constraintName(error) === "ledger_accounts_wallet_not_negative";
}
