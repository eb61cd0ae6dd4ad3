import { getMe, updateMe } from "@/lib/api/contract/me";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { meView, patchMe } from "@/lib/api/me";

export const GET = handle(getMe, async (_input, { db, caller }) => ok(await meView(db, caller)));

export const PATCH = handle(updateMe, async ({ body }, { db, caller }) => ok(await patchMe(db, caller, body)));

export const OPTIONS = preflight;
