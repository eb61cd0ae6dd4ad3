"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { refundPaymentManually, retryRefundForAdmin } from "@/lib/admin/refunds";
import { refundFormSchema, refundIdSchema } from "@/lib/payments/schemas";

export type RefundFormState = ActionResult | null;

/** A manual full or partial refund with a reason; the service audits it and sends it to Stripe. */
export async function refundAction(_previous: RefundFormState, formData: FormData): Promise<RefundFormState> {
  const admin = await userWithRole("admin");
  if (!admin) return failure("Please sign in again as an admin.");
  const raw = { paymentId: formData.get("paymentId"), amount: formData.get("amount"), reason: formData.get("reason") };
  const values = { amount: String(raw.amount ?? ""), reason: String(raw.reason ?? "") };
  const parsed = refundFormSchema.safeParse(raw);
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  const result = await runService(() => refundPaymentManually(getDb(), admin, { paymentId: parsed.data.paymentId, amountMinor: parsed.data.amount, reason: parsed.data.reason }));
  if (!result.ok) return { ...result, values };
  revalidatePath(`/admin/payments/${parsed.data.paymentId}`);
  const amount = formatMoney(result.refund.amountMinor, result.currency);
  return result.outcome === "failed"
    ? { ok: true, message: `The refund of ${amount} is recorded but Stripe could not be reached; it stays pending and can be sent again.` }
    : { ok: true, message: `Refund of ${amount} ${result.refund.status === "succeeded" ? "issued" : "sent and pending at Stripe"}.` };
}

/** Sends again a refund that was recorded while Stripe was unreachable; the service audits the retry. */
export async function retryRefundAction(_previous: RefundFormState, formData: FormData): Promise<RefundFormState> {
  const admin = await userWithRole("admin");
  if (!admin) return failure("Please sign in again as an admin.");
  const parsed = refundIdSchema.safeParse({ refundId: formData.get("refundId") });
  if (!parsed.success) return failure("That refund does not exist.");
  const result = await runService(async () => ({ outcome: await retryRefundForAdmin(getDb(), admin, parsed.data.refundId) }));
  if (!result.ok) return result;
  revalidatePath("/admin/payments");
  if (result.outcome === "failed") return failure("Stripe could not be reached; the refund is still pending. Try again later.");
  return { ok: true, message: result.outcome === "sent" ? "Refund sent to Stripe." : "Nothing to send: the refund was already handled." };
}
