import { getSchedule } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { scheduleView } from "@/lib/api/practice";

export const GET = handle(getSchedule, async ({ query }, { db, caller }) => ok(await scheduleView(db, caller.id, query)));

export const OPTIONS = preflight;
