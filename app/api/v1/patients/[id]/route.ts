import { getPatient } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { patientView } from "@/lib/api/practice";

export const GET = handle(getPatient, async ({ params }, { db, caller }) => ok(await patientView(db, caller.id, params.id)));

export const OPTIONS = preflight;
