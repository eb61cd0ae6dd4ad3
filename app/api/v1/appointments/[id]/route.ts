import { getAppointment } from "@/lib/api/contract/appointments";
import { visibleAppointment } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";

export const GET = handle(getAppointment, async ({ params }, { db, caller }) => ok(await visibleAppointment(db, caller, params.id)));

export const OPTIONS = preflight;
