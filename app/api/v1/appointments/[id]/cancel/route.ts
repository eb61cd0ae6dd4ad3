import { cancelAppointment as cancelOperation } from "@/lib/api/contract/appointments";
import { visibleAppointment } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { cancelAppointment } from "@/lib/booking/service";

export const POST = handle(cancelOperation, async ({ params, body }, { db, caller, now }) => {
  await cancelAppointment(db, { appointmentId: params.id, actor: caller, reason: body.reason }, now);
  return ok(await visibleAppointment(db, caller, params.id));
});

export const OPTIONS = preflight;
