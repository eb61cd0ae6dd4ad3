import { listDoctorSlots } from "@/lib/api/contract/public";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { pageOfList } from "@/lib/api/paging";
import { doctorSlots, slotView } from "@/lib/api/public-views";

export const GET = handle(listDoctorSlots, async ({ params, query }, { db, now }) =>
  ok(pageOfList(await doctorSlots(db, params.id, query, now), query, slotView)),
);

export const OPTIONS = preflight;
