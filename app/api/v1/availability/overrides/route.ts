import { createOverride } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { created, handle } from "@/lib/api/handler";
import { setDateOverride } from "@/lib/api/practice";

export const POST = handle(createOverride, async ({ body }, { db, caller, now }) =>
  created(await setDateOverride(db, caller.id, body, now), "/api/v1/availability"),
);

export const OPTIONS = preflight;
