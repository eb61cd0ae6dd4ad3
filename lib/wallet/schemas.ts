import { z } from "zod";

// The wallet's form fields, shared by the forms and their actions.

/** "25", "25.5", "25.50" (and "-10.00" where a sign is allowed) in cents, without floating point. */
export function decimalToMinor(amount: string): number {
  const [whole, cents = ""] = amount.replace("-", "").split(".");
  const minor = Number(whole) * 100 + Number(cents.padEnd(2, "0"));
  return amount.startsWith("-") ? -minor : minor;
}

export const MIN_CARD_AMOUNT_MINOR = 100;
export const MAX_TOP_UP_MINOR = 5_000_00;

const currency = z.string().regex(/^[A-Z]{3}$/, "Choose a currency.");
const positiveAmount = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, "Enter an amount such as 50 or 25.50.")
  .transform(decimalToMinor)
  .refine((minor) => minor >= MIN_CARD_AMOUNT_MINOR, "Enter at least 1.00.");

/** "Add funds": an amount and currency, and the form's own id (a resent form makes one Checkout, never two). */
export const topUpFormSchema = z
  .object({
    amount: positiveAmount.refine((minor) => minor <= MAX_TOP_UP_MINOR, "At most 5,000.00 at a time."),
    currency,
    requestId: z.uuid({ error: "Reload the page and try again." }),
  })
  .transform(({ amount, ...rest }) => ({ ...rest, amountMinor: amount }));

/** "Withdraw to card": an amount and currency, and the form's own id (a resent form withdraws once). */
export const withdrawalFormSchema = z
  .object({
    amount: positiveAmount,
    currency,
    requestId: z.uuid({ error: "Reload the page and try again." }),
  })
  .transform(({ amount, ...rest }) => ({ ...rest, amountMinor: amount }));

export type TopUpRequest = z.output<typeof topUpFormSchema>;
export type WithdrawalRequest = z.output<typeof withdrawalFormSchema>;
