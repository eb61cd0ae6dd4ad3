import { getDoctor } from "@/lib/api/contract/public";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { doctorDetail } from "@/lib/api/public-views";

export const GET = handle(getDoctor, async ({ params }, { db }) => ok(await doctorDetail(db, params.id)));

export const OPTIONS = preflight;
