"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { formatMonth, generateReportSchema } from "@/lib/reports/month";
import { generateMonthlyReports } from "@/lib/reports/service";

/** Computes a month's reports now, in the request: no job runner needed for an admin's click. */
export const generateReportAction = action({
  access: ["admin"],
  schema: generateReportSchema,
  invalid: "Please choose a month.",
  run: async ({ month }, { user, db, now }) => {
    const generated = await generateMonthlyReports(db, { month, now, actor: { id: user.id, role: "admin" } });
    revalidatePath("/admin/reports");
    const doctors = generated.doctorReports.length;
    return `Reports for ${formatMonth(month)} generated: the system-wide report and ${doctors} doctor ${doctors === 1 ? "report" : "reports"}.`;
  },
});
