import { getDb } from "@/lib/db";
import { getMonthReports } from "@/db/queries/reports";
import { currentUser, userWithRole } from "@/lib/auth/guards";
import { errorCatalog, type ErrorCode } from "@/lib/errors";
import { reportsToCsv, type CsvReport } from "@/lib/reports/csv";
import { readFigures } from "@/lib/reports/figures";
import { isMonth, monthToDate } from "@/lib/reports/month";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

function refusal(code: ErrorCode, message: string = errorCatalog[code].message) {
  return Response.json({ error: { code, message } }, { status: errorCatalog[code].status, headers: noStore });
}

/** GET /admin/reports/YYYY-MM/csv — the month's system row, then one row per doctor. Admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string }> }) {
  const admin = await userWithRole("admin");
  if (!admin) return (await currentUser()) ? refusal("forbidden", "Only admins can download these reports.") : refusal("unauthenticated");
  const { month } = await params;
  if (!isMonth(month)) return refusal("invalid_input", "The month must look like 2030-03.");

  const { system, doctors } = await getMonthReports(getDb(), monthToDate(month));
  const systemFigures = system ? readFigures(system.figures) : null;
  if (!systemFigures) return refusal("not_found", "There is no report for that month yet.");
  const rows: CsvReport[] = [{ name: "All doctors", doctorId: null, figures: systemFigures }];
  for (const doctor of doctors) {
    const figures = readFigures(doctor.figures);
    if (figures) rows.push({ name: doctor.doctorName ?? "Former doctor", doctorId: doctor.doctorId, figures });
  }
  return new Response(reportsToCsv(rows), {
    headers: { ...noStore, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="careslot-report-${month}.csv"` },
  });
}
