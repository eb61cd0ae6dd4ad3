import { setAppointmentStatus } from "@/lib/api/contract/appointments";
import { visibleAppointment } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { recordVisitOutcome } from "@/lib/booking/service";

export const POST = handle(setAppointmentStatus, async ({ params, body }, { db, caller, now }) => {
  await recordVisitOutcome(db, { appointmentId: params.id, actor: caller, outcome: body.status }, now);
  return ok(await visibleAppointment(db, caller, params.id));
});

export const OPTIONS = preflight;
