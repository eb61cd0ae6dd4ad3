"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";
import { formatMonth, generateReportSchema } from "@/lib/reports/month";
import { generateMonthlyReports } from "@/lib/reports/service";

export type GenerateReportState = ActionResult | null;

/** Computes a month's reports now, in the request: no job runner needed for an admin's click. */
export async function generateReportAction(_previous: GenerateReportState, formData: FormData): Promise<GenerateReportState> {
  const admin = await userWithRole("admin");
  if (!admin) return failure("Only admins can generate reports. Please sign in again.");
  const raw = String(formData.get("month") ?? "");
  const parsed = generateReportSchema.safeParse({ month: raw });
  if (!parsed.success) return failure("Please choose a month.", fieldErrorsOf(parsed.error), { month: raw });
  const result = await runService(async () => ({ generated: await generateMonthlyReports(getDb(), { month: parsed.data.month, now: new Date(), actor: { id: admin.id, role: "admin" } }) }));
  if (!result.ok) return { ...result, values: { month: raw } };
  revalidatePath("/admin/reports");
  const doctors = result.generated.doctorReports.length;
  return { ok: true, message: `Reports for ${formatMonth(parsed.data.month)} generated: the system-wide report and ${doctors} doctor ${doctors === 1 ? "report" : "reports"}.` };
}
