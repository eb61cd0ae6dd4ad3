import { getStatistics } from "@/lib/api/contract/admin";
import { statistics } from "@/lib/api/admin";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";

export const GET = handle(getStatistics, async (_input, { db, caller, now }) => ok(await statistics(db, caller, now)));

export const OPTIONS = preflight;
