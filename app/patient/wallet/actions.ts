"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions";
import { formatMoney } from "@/lib/format";
import { topUpFormSchema, withdrawalFormSchema } from "@/lib/wallet/schemas";
import { startTopUp } from "@/lib/payments/wallet-top-up";
import { requestWithdrawal } from "@/lib/payments/wallet-withdraw";

/** "Add funds": off to Stripe Checkout; the wallet is credited when Stripe's webhook confirms the payment. */
export const addFundsAction = action({
  access: ["patient"],
  schema: topUpFormSchema,
  invalid: "Check the amount. Nothing was charged.",
  run: async (input, { user, db }) => {
    const { url } = await startTopUp(db, user.id, input);
    redirect(url);
  },
});

/** "Withdraw to card": the amount leaves the balance now and goes back to the cards that added it. */
export const withdrawAction = action({
  access: ["patient"],
  schema: withdrawalFormSchema,
  invalid: "Check the amount. Nothing was withdrawn.",
  run: async (input, { user, db }) => {
    await requestWithdrawal(db, user.id, input);
    revalidatePath("/patient/wallet");
    return `${formatMoney(input.amountMinor, input.currency)} is on its way back to your card. Banks usually show a refund within 5 to 10 working days.`;
  },
});
