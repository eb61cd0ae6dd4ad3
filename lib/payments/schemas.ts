import { z } from "zod";
import { boundedDate, multiLineText, optionalParam } from "@/lib/validation/text";
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
  reason: multiLineText({ error: "Say why you are refunding." })
    .min(3, "Say why you are refunding (at least 3 characters).")
    .max(500, "Keep the reason under 500 characters."),
});

export const refundIdSchema = z.object({ refundId: z.uuid({ error: "That refund does not exist." }) });

/** The admin list's query string, read by the page and the CSV export alike. */
export const paymentFilterSchema = z
  .object({
    status: optionalParam(z.enum(paymentStatus.enumValues, { error: "Choose a status from the list." })),
    doctor: optionalParam(z.uuid({ error: "Choose a doctor from the list." })),
    from: optionalParam(boundedDate()),
    to: optionalParam(boundedDate()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must not be before the start date." });

export type PaymentFilterInput = z.infer<typeof paymentFilterSchema>;

/** Reads the filter from query parameters; a bad value is reported (and the filter left empty) instead of failing the page. */
export function parsePaymentFilter(params: Record<string, string | string[] | undefined>): { values: PaymentFilterInput; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = paymentFilterSchema.safeParse(raw);
  if (parsed.success) return { values: parsed.data, problems: [] };
  return { values: {}, problems: parsed.error.issues.map((issue) => issue.message) };
}

/** From/to dates (UTC, inclusive) as the instants the query compares with. */
export function filterRange(input: PaymentFilterInput): { from?: Date; to?: Date } {
  const from = input.from ? new Date(`${input.from}T00:00:00Z`) : undefined;
  const to = input.to ? new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
  return { from: from && !Number.isNaN(from.getTime()) ? from : undefined, to: to && !Number.isNaN(to.getTime()) ? to : undefined };
}
