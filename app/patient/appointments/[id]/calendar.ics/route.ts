import type { NextRequest } from "next/server";
import { z } from "zod";
import { getAppointmentDetail } from "@/db/queries/appointments";
import { getDb } from "@/lib/db";
import { appointmentCalendarFile } from "@/lib/notifications/appointments";
import { contentDisposition } from "@/lib/records/download";
import { viewerOfRequest } from "@/lib/records/request-viewer";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });

/**
 * GET /patient/appointments/[id]/calendar.ics — "Download .ics": the visit as
 * a calendar file, the same entry its emails attach. Only the patient whose
 * visit it is gets it; anyone else a 404, as if it did not exist.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await viewerOfRequest(request);
  if (!viewer)
    return new Response(null, { status: 303, headers: { ...noStore, Location: `/login?next=${encodeURIComponent(`/patient/appointments/${id}`)}` } });
  if (viewer.role !== "patient" || !z.uuid().safeParse(id).success) return notFound();
  const db = getDb();
  const appointment = await getAppointmentDetail(db, id);
  if (!appointment || appointment.patientId !== viewer.id) return notFound();
  return new Response(await appointmentCalendarFile(db, id), {
    headers: { ...noStore, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": contentDisposition("attachment", "appointment.ics") },
  });
}
