import { listSpecializations as listOperation } from "@/lib/api/contract/public";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { pageOfList } from "@/lib/api/paging";
import { listSpecializations } from "@/db/queries/specializations";

export const GET = handle(listOperation, async ({ query }, { db }) =>
  ok(pageOfList(await listSpecializations(db), query, (row) => ({ id: row.id, name: row.name, slug: row.slug }))),
);

export const OPTIONS = preflight;
