"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, type ActionResult } from "@/lib/errors";
import { markPaidAtClinic } from "@/lib/payments/clinic";
import { appointmentPaymentSchema } from "@/lib/payments/schemas";

export type MarkPaidState = ActionResult | null;

/** The doctor records the fee collected at the clinic; the service checks the appointment is theirs. */
export async function markPaidAction(_previous: MarkPaidState, formData: FormData): Promise<MarkPaidState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure("Please sign in again.");
  const parsed = appointmentPaymentSchema.safeParse({ appointmentId: formData.get("appointmentId") });
  if (!parsed.success) return failure("That appointment does not exist.");
  const result = await runService(async () => ({ payment: await markPaidAtClinic(getDb(), { appointmentId: parsed.data.appointmentId, doctorId: doctor.id }, new Date()) }));
  if (!result.ok) return result;
  revalidatePath("/doctor/payments");
  return { ok: true, message: "Marked as paid at the clinic." };
}
