import { setUserActive } from "@/lib/api/contract/admin";
import { setActive } from "@/lib/api/admin";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";

export const POST = handle(setUserActive, async ({ params, body }, { db, caller, now }) => ok(await setActive(db, caller, params.id, body.active, now)));

export const OPTIONS = preflight;
