import { listMyReviews } from "@/lib/api/contract/appointments";
import { reviewView } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { handle, ok } from "@/lib/api/handler";
import { pageFromRows } from "@/lib/api/paging";
import { listReviewsByPatient } from "@/db/queries/reviews";

export const GET = handle(listMyReviews, async ({ query }, { db, caller }) =>
  ok(pageFromRows(await listReviewsByPatient(db, caller.id, { limit: query.limit + 1, offset: query.cursor }), query, reviewView)),
);

export const OPTIONS = preflight;
