import { getAvailability } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { availabilityView } from "@/lib/api/practice";

export const GET = handle(getAvailability, async (_input, { db, caller, now }) => ok(await availabilityView(db, caller.id, now)));

export const OPTIONS = preflight;
