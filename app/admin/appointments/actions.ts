"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { bulkCancelAppointments } from "@/lib/admin/appointments";
import { bulkCancelSchema } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";

export const bulkCancelAction = action({
  access: ["admin"],
  schema: bulkCancelSchema,
  run: async (input, { user, db, now }) => {
    const result = await bulkCancelAppointments(db, user, input, now);
    revalidatePath("/admin/appointments");
    const failures = result.outcomes.flatMap((o) => (o.ok ? [] : [o.message]));
    const message = `${result.cancelled === 1 ? "1 appointment" : `${result.cancelled} appointments`} cancelled; each patient and doctor will be told${result.cancelled ? ", and refunds follow the policy" : ""}.`;
    if (failures.length) throw new AppError("conflict", `${message} ${failures.length} could not be cancelled: ${[...new Set(failures)].join(" ")}`);
    return message;
  },
});
