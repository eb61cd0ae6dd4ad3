"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { refundPaymentManually, retryRefundForAdmin } from "@/lib/admin/refunds";
import { refundFormSchema, refundIdSchema } from "@/lib/payments/schemas";

/** A manual full or partial refund with a reason; the service audits it and sends it to Stripe. */
export const refundAction = action({
  access: ["admin"],
  schema: refundFormSchema,
  run: async ({ paymentId, amount, reason }, { user, db }) => {
    const result = await refundPaymentManually(db, user, { paymentId, amountMinor: amount, reason });
    revalidatePath(`/admin/payments/${paymentId}`);
    const issued = formatMoney(result.refund.amountMinor, result.currency);
    return result.outcome === "failed"
      ? `The refund of ${issued} is recorded but Stripe could not be reached; it stays pending and can be sent again.`
      : `Refund of ${issued} ${result.refund.status === "succeeded" ? "issued" : "sent and pending at Stripe"}.`;
  },
});

/** Sends again a refund that was recorded while Stripe was unreachable; the service audits the retry. */
export const retryRefundAction = action({
  access: ["admin"],
  schema: refundIdSchema,
  invalid: "That refund does not exist.",
  run: async ({ refundId }, { user, db }) => {
    const outcome = await retryRefundForAdmin(db, user, refundId);
    revalidatePath("/admin/payments");
    if (outcome === "failed") throw new AppError("unavailable", "Stripe could not be reached; the refund is still pending. Try again later.");
    return outcome === "sent" ? "Refund sent to Stripe." : "Nothing to send: the refund was already handled.";
  },
});
