import { rescheduleAppointment as rescheduleOperation } from "@/lib/api/contract/appointments";
import { visibleAppointment } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { created, handle } from "@/lib/api/handler";
import { rescheduleAppointment } from "@/lib/booking/service";

export const POST = handle(rescheduleOperation, async ({ params, body }, { db, caller, now }) => {
  const moved = await rescheduleAppointment(db, { appointmentId: params.id, actor: caller, newStartsAt: body.starts_at }, now);
  return created(await visibleAppointment(db, caller, moved.id), `/api/v1/appointments/${moved.id}`);
});

export const OPTIONS = preflight;
