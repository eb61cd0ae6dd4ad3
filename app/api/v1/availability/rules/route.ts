import { replaceRules } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { replaceWeeklyRules } from "@/lib/api/practice";

export const PUT = handle(replaceRules, async ({ body }, { db, caller, now }) => ok(await replaceWeeklyRules(db, caller.id, body.rules, now)));

export const OPTIONS = preflight;
