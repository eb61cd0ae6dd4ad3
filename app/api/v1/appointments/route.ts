import { bookAppointment, listAppointments } from "@/lib/api/contract/appointments";
import { bookOnce, listAppointmentsPage, visibleAppointment } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { created, handle, ok } from "@/lib/api/handler";

export const GET = handle(listAppointments, async ({ query }, { db, caller }) => ok(await listAppointmentsPage(db, caller, query)));

export const POST = handle(bookAppointment, async ({ body }, { db, caller, now, request }) => {
  const { appointmentId, replayed } = await bookOnce(db, caller, body, request.headers.get("idempotency-key"), now);
  const appointment = await visibleAppointment(db, caller, appointmentId);
  return created(appointment, `/api/v1/appointments/${appointmentId}`, replayed ? { "Idempotent-Replayed": "true" } : undefined);
});

export const OPTIONS = preflight;
