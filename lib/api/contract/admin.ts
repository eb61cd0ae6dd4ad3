import { z } from "zod";
import { roleSchema } from "@/lib/admin/schemas";
import { monthSchema } from "@/lib/reports/month";
import { operation } from "../operation";
import { pageOf, pagingQuery } from "../paging";
import { idParams, instantOut } from "./schemas";

// Admin: users; and the reports and statistics a doctor sees of their own practice and an admin of the whole.

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    full_name: z.string(),
    role: roleSchema,
    active: z.boolean(),
    email_verified: z.boolean(),
    created_at: instantOut,
  })
  .meta({ id: "User" });

const usersQuery = pagingQuery().extend({
  q: z.string().max(100).optional().meta({ description: "Part of a name or email." }),
  role: roleSchema.optional(),
  status: z.enum(["active", "inactive"]).optional(),
});

export const reportSchema = z
  .object({
    id: z.uuid(),
    month: z.string().meta({ description: "YYYY-MM." }),
    figures: z.record(z.string(), z.unknown()).meta({ description: "The month's figures, as on the reports page." }),
    updated_at: instantOut,
  })
  .meta({ id: "Report" });

const count = z.int();
export const statisticsSchema = z
  .object({
    scope: z.enum(["doctor", "system"]),
    month: z.string().meta({ description: "The current month (YYYY-MM): the doctor's own zone, UTC for the system." }),
    appointments: z.object({ total: count, confirmed: count, completed: count, cancelled: count, no_show: count, rescheduled: count, pending_payment: count }),
    patients: count.meta({ description: "Distinct patients this month; for the system, active patient accounts." }),
    rating: z.object({ average: z.number(), count }).nullable(),
    doctors: z.object({ verified: count, pending: count }).nullable().meta({ description: "System only." }),
  })
  .meta({ id: "Statistics" });

export const listUsers = operation({
  id: "listUsers",
  method: "get",
  path: "/users",
  summary: "List users",
  tag: "Admin",
  access: ["admin"],
  query: usersQuery,
  responses: { 200: { description: "One page, newest first.", schema: pageOf(userSchema, "UserPage") } },
});

export const setUserRole = operation({
  id: "setUserRole",
  method: "post",
  path: "/users/{id}/role",
  summary: "Change a user's role (their sessions and tokens end)",
  tag: "Admin",
  access: ["admin"],
  params: idParams("user"),
  body: z.object({ role: roleSchema }).meta({ id: "SetRole" }),
  responses: { 200: { description: "The user.", schema: userSchema }, 409: { description: "Refused: your own role, or the last admin." } },
});

export const setUserActive = operation({
  id: "setUserActive",
  method: "post",
  path: "/users/{id}/active",
  summary: "Activate or deactivate a user (deactivation ends their sessions and tokens)",
  tag: "Admin",
  access: ["admin"],
  params: idParams("user"),
  body: z.object({ active: z.boolean({ error: "active must be true or false." }) }).meta({ id: "SetActive" }),
  responses: { 200: { description: "The user.", schema: userSchema }, 409: { description: "Refused: yourself, or the last admin." } },
});

export const listReports = operation({
  id: "listReports",
  method: "get",
  path: "/reports",
  summary: "Monthly reports: a doctor's own, or the system's (admin)",
  tag: "Reports",
  access: ["doctor", "admin"],
  query: pagingQuery(),
  responses: { 200: { description: "One page, newest month first.", schema: pageOf(reportSchema, "ReportPage") } },
});

export const generateReports = operation({
  id: "generateReports",
  method: "post",
  path: "/reports",
  summary: "Generate (or regenerate) a month's reports",
  tag: "Reports",
  access: ["admin"],
  body: z.object({ month: monthSchema.meta({ description: "YYYY-MM, a month that has started." }) }).meta({ id: "GenerateReports" }),
  responses: { 200: { description: "The month's system report.", schema: reportSchema } },
});

export const getStatistics = operation({
  id: "getStatistics",
  method: "get",
  path: "/statistics",
  summary: "This month's figures: a doctor's own practice, or the whole system (admin)",
  tag: "Reports",
  access: ["doctor", "admin"],
  responses: { 200: { description: "The figures.", schema: statisticsSchema } },
});

export const adminOperations = [listUsers, setUserRole, setUserActive, listReports, generateReports, getStatistics];
