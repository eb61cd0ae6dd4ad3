import { getDb } from "@/lib/db";
import { currentUser, userWithRole } from "@/lib/auth/guards";
import { calendarRangeSchema } from "@/lib/availability/calendar-range";
import { loadCalendar } from "@/lib/availability/calendar-service";
import { errorCatalog, type ErrorCode } from "@/lib/errors";
import { requestLogger } from "@/lib/logger";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

function refusal(code: ErrorCode, message: string = errorCatalog[code].message, extra: Record<string, unknown> = {}) {
  return Response.json({ error: { code, message, ...extra } }, { status: errorCatalog[code].status, headers: noStore });
}

/**
 * GET /api/doctor/calendar?start=YYYY-MM-DD&end=YYYY-MM-DD — the signed-in
 * doctor's own hours and appointments for those dates of their calendar.
 * The doctor is whoever the session says; nothing in the URL can name another.
 */
export async function GET(request: Request) {
  const doctor = await userWithRole("doctor");
  if (!doctor) return (await currentUser()) ? refusal("forbidden", "Only doctors have a calendar.") : refusal("unauthenticated");

  const params = new URL(request.url).searchParams;
  const range = calendarRangeSchema.safeParse({ start: params.get("start") ?? undefined, end: params.get("end") ?? undefined });
  if (!range.success) {
    const reasons = range.error.issues.map((issue) => issue.message);
    return refusal("invalid_input", reasons.join(" "), { reasons });
  }

  try {
    const data = await loadCalendar(getDb(), doctor.id, range.data);
    if (!data) return refusal("not_found", "Your doctor profile could not be found.");
    return Response.json(data, { headers: noStore });
  } catch (error) {
    (await requestLogger()).error({ err: error, route: "doctor-calendar" }, "calendar load failed");
    return refusal("unavailable");
  }
}
