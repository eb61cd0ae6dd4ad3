"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { markPaidAtClinic } from "@/lib/payments/clinic";
import { appointmentPaymentSchema } from "@/lib/payments/schemas";

/** The doctor records the fee collected at the clinic; the service checks the appointment is theirs. */
export const markPaidAction = action({
  access: ["doctor"],
  schema: appointmentPaymentSchema,
  invalid: "That appointment does not exist.",
  run: async ({ appointmentId }, { user, db, now }) => {
    await markPaidAtClinic(db, { appointmentId, doctorId: user.id }, now);
    revalidatePath("/doctor/payments");
    return "Marked as paid at the clinic.";
  },
});
