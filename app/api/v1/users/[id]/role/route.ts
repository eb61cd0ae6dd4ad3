import { setUserRole } from "@/lib/api/contract/admin";
import { setRole } from "@/lib/api/admin";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";

export const POST = handle(setUserRole, async ({ params, body }, { db, caller, now }) => ok(await setRole(db, caller, params.id, body.role, now)));

export const OPTIONS = preflight;
