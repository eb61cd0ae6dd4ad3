"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions";
import { bulkCancelAppointments } from "@/lib/admin/appointments";
import { bulkCancelSchema } from "@/lib/admin/schemas";
import { bookForPatient } from "@/lib/front-desk/booking";
import { frontDeskBookSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { rescheduleAppointment } from "@/lib/booking/service";
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

/** "Book for a patient" with any doctor, through the one booking service. */
export const bookForPatientAction = action({
  access: ["admin"],
  schema: frontDeskBookSchema,
  run: async (input, { user, db, now }) => {
    const appointment = await bookForPatient(db, user, input, now);
    revalidatePath("/admin/appointments");
    redirect(`/admin/appointments/${appointment.id}?notice=booked`);
  },
});

export const rescheduleAsAdminAction = action({
  access: ["admin"],
  schema: rescheduleSchema,
  run: async ({ appointmentId, startsAt }, { user, db, now }) => {
    const moved = await rescheduleAppointment(db, { appointmentId, actor: { id: user.id, role: "admin" }, newStartsAt: startsAt }, now);
    revalidatePath("/admin/appointments");
    redirect(`/admin/appointments/${moved.id}?notice=moved`);
  },
});
