import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { walletBalances } from "@/db/queries/ledger";
import { getUserById } from "@/db/queries/users";
import { retryingTransaction } from "@/db/transactions";
import { auditAdmin, requireActiveAdmin } from "@/lib/admin/actor";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { singleLineText } from "@/lib/validation/text";
import type { Actor } from "@/lib/vocabulary";
import { isOverdraft, postToLedger } from "@/lib/wallet/ledger";
import { decimalToMinor } from "@/lib/wallet/schemas";

const MAX_ADJUSTMENT_MINOR = 1_000_000_00;

/** "Adjust balance" on an admin's user page: a signed amount in the currency's main unit, why, and the form's own id (a resent form posts once). */
export const walletAdjustmentSchema = z.object({
  patientId: z.uuid(),
  currency: z.string().regex(/^[A-Z]{3}$/, "Choose a currency."),
  amountMinor: z
    .number()
    .int("Use whole cents.")
    .refine((value) => value !== 0, "Enter an amount other than zero.")
    .refine((value) => Math.abs(value) <= MAX_ADJUSTMENT_MINOR, "That amount is too large for an adjustment."),
  reason: singleLineText().min(3, "Say why, in a few words.").max(300, "Keep the reason under 300 characters."),
  requestId: z.uuid(),
});

export type WalletAdjustment = z.infer<typeof walletAdjustmentSchema>;

/** The admin form's fields: the amount as typed ("25", "-10.50"), turned into cents without floating point. */
export const walletAdjustmentFormSchema = z
  .object({
    patientId: z.uuid({ error: "That user does not exist." }),
    currency: z.string(),
    amount: z
      .string()
      .trim()
      .regex(/^-?\d{1,9}(\.\d{1,2})?$/, "Enter an amount such as 25.00 or -10.00."),
    reason: z.string(),
    requestId: z.uuid({ error: "Reload the page and try again." }),
  })
  .transform(({ amount, ...rest }) => ({ ...rest, amountMinor: decimalToMinor(amount) }))
  .pipe(walletAdjustmentSchema);

/**
 * Credits or debits a patient's wallet with the admin's reason, audited in the
 * same transaction; a debit never takes the balance below zero (the database
 * refuses, and the admin is told the balance there is).
 */
export async function adjustWalletBalance(db: Db, actor: Actor | null | undefined, input: WalletAdjustment) {
  const admin = await requireActiveAdmin(db, actor);
  try {
    return await retryingTransaction(db, async (tx) => {
      const patient = await getUserById(tx, input.patientId);
      if (!patient || patient.role !== "patient") throw new AppError("not_found", "There is no patient with that id.");
      const posted = await postToLedger(tx, {
        kind: "adjustment",
        patientId: patient.id,
        reason: input.reason,
        actorId: admin.id,
        actorRole: "admin",
        idempotencyKey: `adjustment/${input.requestId}`,
        currency: input.currency,
        walletMinor: input.amountMinor,
        counterpart: "adjustments",
      });
      if (!posted.replayed) {
        await auditAdmin(tx, admin, {
          action: "wallet.adjusted",
          entityType: "user",
          entityId: patient.id,
          after: { transactionId: posted.transactionId, currency: input.currency, amountMinor: input.amountMinor, reason: input.reason },
        });
        // The patient is told, with the reason (lib/notifications/wallet.ts).
        await enqueueOutboxEvent(tx, "wallet/movement.recorded", { transactionId: posted.transactionId });
      }
      return posted;
    });
  } catch (error) {
    if (!isOverdraft(error)) throw error;
    const balance = (await walletBalances(db, input.patientId)).find((row) => row.currency === input.currency)?.balanceMinor ?? 0;
    throw new AppError("conflict", `The balance cannot go below zero: it is ${formatMoney(balance, input.currency)}. Nothing was changed.`, {
      amount: ["More than the balance."],
    });
  }
}
