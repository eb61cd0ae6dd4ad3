"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, type ActionResult } from "@/lib/errors";
import { openCheckout } from "@/lib/payments/checkout";
import { appointmentPaymentSchema } from "@/lib/payments/schemas";

export type PaymentFormState = ActionResult | null;

/** Back to Stripe Checkout for a held appointment: the same open session, never a second charge. */
export async function continuePaymentAction(_previous: PaymentFormState, formData: FormData): Promise<PaymentFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure("Please sign in again.");
  const parsed = appointmentPaymentSchema.safeParse({ appointmentId: formData.get("appointmentId") });
  if (!parsed.success) return failure("That appointment does not exist.");
  const result = await runService(() => openCheckout(getDb(), { appointmentId: parsed.data.appointmentId, patientId: patient.id }, new Date()));
  if (result.ok) redirect(result.url);
  return result;
}
