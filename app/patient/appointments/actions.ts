"use server";

import { redirect } from "next/navigation";
import { action } from "@/lib/actions";
import { cancelSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";

export const cancelAsPatientAction = action({
  access: ["patient"],
  schema: cancelSchema,
  run: async ({ appointmentId, reason, refundTo }, { user, db, now }) => {
    await cancelAppointment(db, { appointmentId, actor: { id: user.id, role: "patient" }, reason, refundTo }, now);
    redirect("/patient/appointments?cancelled=1");
  },
});

export const rescheduleAsPatientAction = action({
  access: ["patient"],
  schema: rescheduleSchema,
  invalid: "Choose one of the times shown.",
  run: async ({ appointmentId, startsAt }, { user, db, now }) => {
    let moved;
    try {
      moved = await rescheduleAppointment(db, { appointmentId, actor: { id: user.id, role: "patient" }, newStartsAt: startsAt }, now);
    } catch (error) {
      if (error instanceof AppError && error.code === "slot_taken") redirect(`/patient/appointments/${appointmentId}/reschedule?taken=1`);
      throw error;
    }
    redirect(`/patient/appointments?rescheduled=${moved.id}`);
  },
});
