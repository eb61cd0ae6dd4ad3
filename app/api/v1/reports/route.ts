import { generateReports, listReports } from "@/lib/api/contract/admin";
import { generateMonth, reportsPage } from "@/lib/api/admin";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";

export const GET = handle(listReports, async ({ query }, { db, caller }) => ok(await reportsPage(db, caller, query)));

export const POST = handle(generateReports, async ({ body }, { db, caller, now }) => ok(await generateMonth(db, caller, body.month, now)));

export const OPTIONS = preflight;
