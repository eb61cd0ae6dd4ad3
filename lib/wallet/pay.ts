import "server-only";
import type { Db } from "@/db/client";
import { walletBalances } from "@/db/queries/ledger";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import type { Actor } from "@/lib/vocabulary";
import { isOverdraft, postToLedger, type PostResult } from "./ledger";

/**
 * Pays a visit from the patient's balance inside the caller's transaction (the
 * booking's): the debit and the appointment commit together or not at all. The
 * database refuses a debit the balance does not cover, also when parallel
 * bookings spend the same balance; the caller's transaction then fails whole.
 */
export function payVisitFromWallet(
  tx: Db,
  input: { patientId: string; appointmentId: string; amountMinor: number; currency: string; actor: Actor },
): Promise<PostResult> {
  return postToLedger(tx, {
    kind: "visit_payment",
    patientId: input.patientId,
    appointmentId: input.appointmentId,
    actorId: input.actor.id,
    actorRole: input.actor.role,
    idempotencyKey: `visit-payment/${input.appointmentId}`,
    currency: input.currency,
    walletMinor: -input.amountMinor,
    counterpart: "visit_fees",
  });
}

/** The words for a booking the balance did not cover, with the shortfall as it is now. */
export async function overdraftRefusal(db: Db, error: unknown, input: { patientId: string; amountMinor: number; currency: string }): Promise<AppError | null> {
  if (!isOverdraft(error)) return null;
  const balance = (await walletBalances(db, input.patientId)).find((row) => row.currency === input.currency)?.balanceMinor ?? 0;
  const short = Math.max(0, input.amountMinor - balance);
  return new AppError(
    "conflict",
    `Your wallet balance (${formatMoney(balance, input.currency)}) does not cover this visit: ${formatMoney(short, input.currency)} short. Nothing was booked.`,
  );
}

/** A booking paid from the wallet that the balance did not cover (the database refused the debit, so nothing was booked), in the patient's words. */
export async function walletRefusalWorded<T>(db: Db, wallet: { patientId: string; amountMinor: number; currency: string }, booking: Promise<T>): Promise<T> {
  try {
    return await booking;
  } catch (error) {
    throw (await overdraftRefusal(db, error, wallet)) ?? error;
  }
}
