import { getDb } from "@/lib/db";
import { getDoctorReport } from "@/db/queries/reports";
import { currentUser, userWithRole } from "@/lib/auth/guards";
import { errorCatalog, type ErrorCode } from "@/lib/errors";
import { reportsToCsv } from "@/lib/reports/csv";
import { readFigures } from "@/lib/reports/figures";
import { isMonth, monthToDate } from "@/lib/reports/month";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

function refusal(code: ErrorCode, message: string = errorCatalog[code].message) {
  return Response.json({ error: { code, message } }, { status: errorCatalog[code].status, headers: noStore });
}

/** GET /doctor/reports/YYYY-MM/csv — the signed-in doctor's own report; nothing in the URL names a doctor. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string }> }) {
  const doctor = await userWithRole("doctor");
  if (!doctor) return (await currentUser()) ? refusal("forbidden", "Only doctors have these reports.") : refusal("unauthenticated");
  const { month } = await params;
  if (!isMonth(month)) return refusal("invalid_input", "The month must look like 2030-03.");

  const report = await getDoctorReport(getDb(), doctor.id, monthToDate(month));
  const figures = report ? readFigures(report.figures) : null;
  if (!figures) return refusal("not_found", "There is no report for that month.");
  return new Response(reportsToCsv([{ name: doctor.name, doctorId: doctor.id, figures }]), {
    headers: { ...noStore, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="careslot-report-${month}.csv"` },
  });
}
