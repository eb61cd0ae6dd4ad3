import "server-only";
import type { Db } from "@/db/client";
import { getUserForAdmin, listUsersForAdmin } from "@/db/queries/users";
import { aggregateAppointments, getAdminSummary, listDoctorReports, listSystemReports } from "@/db/queries/reports";
import { getRatingSummary } from "@/db/queries/reviews";
import { getDoctorTimeZone } from "@/db/queries/profiles";
import { dashboardRanges } from "@/lib/admin/dashboard";
import { changeUserRole, setUsersActiveState } from "@/lib/admin/users";
import { AppError } from "@/lib/errors";
import { generateMonthlyReports } from "@/lib/reports/service";
import type { Role } from "@/lib/vocabulary";
import type { ApiCaller } from "./authenticate";
import { pageFromRows, pageOfList, sliceFromPages, type Paging } from "./paging";

// The admin's and the reports' endpoints, over lib/admin and lib/reports (which re-check the acting admin).

type UserRow = { id: string; email: string; fullName: string; role: Role; active: boolean; emailVerifiedAt: Date | null; createdAt: Date };

function userView(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    full_name: row.fullName,
    role: row.role,
    active: row.active,
    email_verified: row.emailVerifiedAt !== null,
    created_at: row.createdAt.toISOString(),
  };
}

export async function usersPage(db: Db, query: Paging & { q?: string; role?: Role; status?: "active" | "inactive" }) {
  const rows = await sliceFromPages(
    async (page, pageSize) => (await listUsersForAdmin(db, { query: query.q, role: query.role, status: query.status, page, pageSize })).rows,
    query,
  );
  return pageFromRows(rows, query, userView);
}

async function userAfter(db: Db, userId: string) {
  const row = await getUserForAdmin(db, userId);
  if (!row) throw new AppError("not_found", "That user does not exist.");
  return userView(row);
}

export async function setRole(db: Db, caller: ApiCaller, userId: string, role: Role, now: Date) {
  await changeUserRole(db, caller, { userId, role }, now);
  return userAfter(db, userId);
}

export async function setActive(db: Db, caller: ApiCaller, userId: string, active: boolean, now: Date) {
  if (!(await getUserForAdmin(db, userId))) throw new AppError("not_found", "That user does not exist.");
  await setUsersActiveState(db, caller, { userIds: [userId], active }, now);
  return userAfter(db, userId);
}

type ReportRow = { id: string; month: string; figures: unknown; updatedAt: Date };
const reportView = (row: ReportRow) => ({
  id: row.id,
  month: row.month.slice(0, 7),
  figures: (row.figures ?? {}) as Record<string, unknown>,
  updated_at: row.updatedAt.toISOString(),
});

export async function reportsPage(db: Db, caller: ApiCaller, query: Paging) {
  const rows = caller.role === "doctor" ? await listDoctorReports(db, caller.id) : await listSystemReports(db);
  return pageOfList(rows, query, reportView);
}

export async function generateMonth(db: Db, caller: ApiCaller, month: string, now: Date) {
  await generateMonthlyReports(db, { month, now, actor: caller });
  const [report] = (await listSystemReports(db)).filter((row) => row.month.startsWith(month));
  if (!report) throw new AppError("internal");
  return reportView(report);
}

/** The year-month an instant falls in, in a zone. */
function monthIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
  return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}`;
}

export async function statistics(db: Db, caller: ApiCaller, now: Date) {
  if (caller.role === "doctor") {
    const month = monthIn(now, await getDoctorTimeZone(db, caller.id));
    const [rows, rating] = await Promise.all([aggregateAppointments(db, "doctor", `${month}-01`), getRatingSummary(db, caller.id)]);
    const mine = rows.find((row) => row.doctor_id === caller.id);
    return {
      scope: "doctor" as const,
      month,
      appointments: counts(mine),
      patients: mine?.patients ?? 0,
      rating: rating.average === null ? null : { average: rating.average, count: rating.count },
      doctors: null,
    };
  }
  const month = monthIn(now, "UTC");
  const [[system], summary] = await Promise.all([aggregateAppointments(db, "system", `${month}-01`), getAdminSummary(db, dashboardRanges(now))]);
  return {
    scope: "system" as const,
    month,
    appointments: counts(system),
    patients: summary.patients,
    rating: null,
    doctors: { verified: summary.doctorsVerified, pending: summary.doctorsPending },
  };
}

function counts(row: Awaited<ReturnType<typeof aggregateAppointments>>[number] | undefined) {
  return {
    total: row?.total ?? 0,
    confirmed: row?.confirmed ?? 0,
    completed: row?.completed ?? 0,
    cancelled: row?.cancelled ?? 0,
    no_show: row?.no_show ?? 0,
    rescheduled: row?.rescheduled ?? 0,
    pending_payment: row?.pending_payment ?? 0,
  };
}
