import { listPatients } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { patientsPage } from "@/lib/api/practice";

export const GET = handle(listPatients, async ({ query }, { db, caller, now }) => ok(await patientsPage(db, caller.id, query, now)));

export const OPTIONS = preflight;
