import { z } from "zod";
import { paymentStatus } from "@/lib/vocabulary";

export const appointmentPaymentSchema = z.object({ appointmentId: z.uuid({ error: "That appointment does not exist." }) });

/** "12.50" in the payment's currency → 1250 minor units; two decimals at most, more than zero. */
export const refundFormSchema = z.object({
  paymentId: z.uuid({ error: "That payment does not exist." }),
  amount: z
    .string({ error: "Enter the amount to refund." })
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, "Enter an amount such as 25 or 12.50.")
    .transform((value) => Math.round(Number(value) * 100))
    .refine((minor) => minor > 0, "The amount must be more than zero."),
  reason: z.string({ error: "Say why you are refunding." }).trim().min(3, "Say why you are refunding (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});

export const refundIdSchema = z.object({ refundId: z.uuid({ error: "That refund does not exist." }) });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The admin list's query string; anything malformed is dropped rather than failing the page. */
export const paymentFilterSchema = z.object({
  status: z.enum(paymentStatus.enumValues).optional().catch(undefined),
  doctor: z.uuid().optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});

export type PaymentFilterInput = z.infer<typeof paymentFilterSchema>;

/** From/to dates (UTC, inclusive) as the instants the query compares with. */
export function filterRange(input: PaymentFilterInput): { from?: Date; to?: Date } {
  const from = input.from ? new Date(`${input.from}T00:00:00Z`) : undefined;
  const to = input.to ? new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
  return { from: from && !Number.isNaN(from.getTime()) ? from : undefined, to: to && !Number.isNaN(to.getTime()) ? to : undefined };
}
