import { getDb } from "@/lib/db";
import { appointmentsCsvStream, parseAppointmentFilter, toQueryFilter } from "@/lib/admin/appointments";
import { currentUser, userWithRole } from "@/lib/auth/guards";
import { errorCatalog } from "@/lib/errors";

export const dynamic = "force-dynamic";

function refusal(status: 400 | 401 | 403, message: string) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** GET /admin/appointments/export?status=&doctor=&patient=&from=&to= — the filtered appointments as CSV (admins only). */
export async function GET(request: Request) {
  const admin = await userWithRole("admin");
  if (!admin) return (await currentUser()) ? refusal(403, errorCatalog.forbidden.message) : refusal(401, errorCatalog.unauthenticated.message);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { values, problems } = parseAppointmentFilter(params);
  if (problems.length) return refusal(400, `The filter is not valid: ${problems.join(" ")}`);
  const stream = await appointmentsCsvStream(getDb(), { id: admin.id, role: admin.role }, toQueryFilter(values));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="careslot-appointments-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
